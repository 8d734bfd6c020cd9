"""pylti1p3's moving parts, set up the one way this tool uses them: the platforms from the
database, handshake values in the database, a nonce that works once, and HTTP calls to a
platform that give up after a few seconds (pylti1p3 sets no timeout of its own)."""
from __future__ import annotations

import requests
from flask import current_app
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.contrib.flask.service_connector import FlaskServiceConnector

from lms.lti.storage import DatabaseLaunchStorage, OneTimeNonceSessionService
from lms.lti.tool_config import DatabaseToolConf

USER_AGENT = "lms-lti-tool"
# Required in every id_token (PyJWT then checks exp, with iat present, on top of the signature).
VERIFY_OPTIONS = {"verify_aud": False, "require": ["exp", "iat"]}


class PlatformSession(requests.Session):
    """A requests session whose calls time out (LTI_HTTP_TIMEOUT_SECONDS)."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout
        self.headers["User-Agent"] = USER_AGENT

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().request(*args, **kwargs)


def platform_session() -> PlatformSession:
    return PlatformSession(current_app.config["LTI_HTTP_TIMEOUT_SECONDS"])


def oidc_login() -> FlaskOIDCLogin:
    request = FlaskRequest()
    return FlaskOIDCLogin(request, DatabaseToolConf(),
                          session_service=OneTimeNonceSessionService(request),
                          launch_data_storage=DatabaseLaunchStorage())


def message_launch() -> FlaskMessageLaunch:
    request = FlaskRequest()
    launch = FlaskMessageLaunch(request, DatabaseToolConf(),
                                session_service=OneTimeNonceSessionService(request),
                                launch_data_storage=DatabaseLaunchStorage(),
                                requests_session=platform_session(),
                                service_connector_cls=FlaskServiceConnector)
    return launch.set_jwt_verify_options(dict(VERIFY_OPTIONS))


def cached_launch(launch_id: str) -> FlaskMessageLaunch:
    """A launch validated earlier (by its id), e.g. for the deep-linking response."""
    request = FlaskRequest()
    return FlaskMessageLaunch.from_cache(
        launch_id, request, DatabaseToolConf(),
        session_service=OneTimeNonceSessionService(request),
        launch_data_storage=DatabaseLaunchStorage(),
        requests_session=platform_session())
