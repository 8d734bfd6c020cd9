"""pylti1p3's tool configuration, read from the platforms admins registered in the browser."""
from __future__ import annotations

from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config import ToolConfAbstract
from sqlalchemy import func, select

from lms.extensions import db
from lms.lti.keys import ToolKey, tool_key
from lms.lti.models import LtiPlatform


class ToolRegistration(Registration):
    """A registration whose key id is the tool key's thumbprint, the kid /lti/jwks publishes
    (pylti1p3's own would leave it out)."""

    def __init__(self, key: ToolKey):
        super().__init__()
        self._key = key
        self.set_tool_private_key(key.private_pem)
        self.set_tool_public_key(key.public_pem)

    def get_kid(self) -> str:
        return self._key.kid

    def get_jwks(self) -> list:
        return [self._key.public_jwk]


def registration_for(platform: LtiPlatform) -> ToolRegistration:
    return (ToolRegistration(tool_key())
            .set_issuer(platform.issuer)
            .set_client_id(platform.client_id)
            .set_auth_login_url(platform.auth_login_url)
            .set_auth_token_url(platform.auth_token_url)
            .set_key_set_url(platform.key_set_url))


def find_platform(issuer: str, client_id: str | None) -> LtiPlatform | None:
    """The platform registered for this issuer (and client id, when the issuer has several)."""
    query = select(LtiPlatform).where(LtiPlatform.issuer == issuer)
    if client_id:
        query = query.where(LtiPlatform.client_id == client_id)
    platforms = db.session.scalars(query.limit(2)).all()
    return platforms[0] if len(platforms) == 1 else None


class DatabaseToolConf(ToolConfAbstract):
    def check_iss_has_one_client(self, iss: str) -> bool:
        return db.session.scalar(select(func.count(LtiPlatform.id))
                                 .where(LtiPlatform.issuer == iss)) == 1

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return not self.check_iss_has_one_client(iss)

    def find_registration_by_issuer(self, iss: str, *args, **kwargs):
        platform = find_platform(iss, None)
        return registration_for(platform) if platform else None

    def find_registration_by_params(self, iss: str, client_id: str, *args, **kwargs):
        platform = find_platform(iss, client_id) if client_id else None
        return registration_for(platform) if platform else None

    def find_deployment(self, iss: str, deployment_id: str):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id, *args,
                                  **kwargs):
        platform = find_platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)
