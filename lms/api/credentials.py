"""Secrets for tokens and keys: made, hashed and found the same way for both kinds."""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from lms.api.models import ApiKey, PersonalToken
from lms.database import write_transaction
from lms.extensions import db
from lms.models_base import utcnow

TOKEN_PREFIX, KEY_PREFIX = "lms_pat_", "lms_key_"
SHOWN_CHARACTERS = 6  # of the random part, after the kind's prefix: enough to tell keys apart
# How stale last_used_at may get before a use stamps it again: a client calling in a loop
# must not turn every read into a write.
TOUCH_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class NewSecret:
    secret: str  # shown once, to the person who made it; never stored
    prefix: str
    secret_hash: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret(kind_prefix: str) -> NewSecret:
    random_part = secrets.token_urlsafe(32)  # 256 bits
    secret = kind_prefix + random_part
    return NewSecret(secret, kind_prefix + random_part[:SHOWN_CHARACTERS], digest(secret))


def find(model: type[PersonalToken] | type[ApiKey], secret: str):
    """The live (not revoked) token or key whose secret this is, or None; stamps its use."""
    if not secret.startswith(TOKEN_PREFIX if model is PersonalToken else KEY_PREFIX):
        return None
    found = db.session.scalar(select(model).where(model.secret_hash == digest(secret),
                                                  model.revoked_at.is_(None)))
    if found is not None and (found.last_used_at is None
                              or utcnow() - found.last_used_at > TOUCH_AFTER):
        with write_transaction():  # an API read otherwise writes nothing
            found.last_used_at = utcnow()
    return found
