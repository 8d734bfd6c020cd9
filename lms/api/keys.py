"""API keys for an organisation's systems: admins make them with scopes (the secret shown
once), see each one's last use, and revoke them; the audit log records both, never the secret."""
import enum

from sqlalchemy import select

from lms import audit
from lms.api.credentials import KEY_PREFIX, NewSecret, find, new_secret
from lms.api.models import ApiKey
from lms.extensions import db
from lms.models_base import utcnow

KEY_CREATED, KEY_REVOKED = "api key created", "api key revoked"


class Scope(enum.StrEnum):
    ENROLMENTS = "enrolments:read"  # enrolments and completions, with the learner's name/email
    CERTIFICATES = "certificates:read"
    REPORTS = "reports:read"  # the funder report's figures, small groups hidden


def all_keys() -> list[ApiKey]:
    """Every key, live ones first, newest first."""
    return list(db.session.scalars(
        select(ApiKey).order_by(ApiKey.revoked_at.is_not(None), ApiKey.id.desc())))


def _target(key: ApiKey) -> str:
    return f"api key {key.prefix}… ({key.name})"


def create_key(admin_id: int, name: str, scopes: list[str]) -> tuple[ApiKey, NewSecret]:
    """A new key with these scopes (each a Scope value); the secret is returned to show once."""
    chosen = [Scope(scope).value for scope in scopes]
    made = new_secret(KEY_PREFIX)
    key = ApiKey(name=name.strip(), prefix=made.prefix, secret_hash=made.secret_hash,
                 scopes=" ".join(sorted(set(chosen))), created_by_id=admin_id)
    db.session.add(key)
    db.session.flush()
    audit.record(admin_id, KEY_CREATED, target=_target(key), detail=key.scopes)
    db.session.commit()
    return key, made


def revoke_key(admin_id: int, key_id: int) -> ApiKey | None:
    """Revoke a live key (None: no such live key); it stops at its next request."""
    key = db.session.scalar(select(ApiKey).where(ApiKey.id == key_id,
                                                 ApiKey.revoked_at.is_(None)))
    if key is not None:
        key.revoked_at = utcnow()
        audit.record(admin_id, KEY_REVOKED, target=_target(key))
        db.session.commit()
    return key


def live_key(secret: str) -> ApiKey | None:
    return find(ApiKey, secret)
