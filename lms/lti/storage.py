"""pylti1p3's launch data storage on the shared database: the OIDC handshake's states, nonces
and validated launches are seen by every web host, and a nonce works once.

pylti1p3 itself only checks that a launch's nonce was issued; it never uses it up, so a replayed
id_token would pass. Here the check deletes the nonce, in one statement, whichever host answers.
"""
from __future__ import annotations

import typing as t
from datetime import timedelta

from pylti1p3.contrib.flask import FlaskSessionService
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from sqlalchemy import delete, select

from lms.database import write_transaction
from lms.extensions import db
from lms.lti.models import LtiLaunchValue
from lms.models_base import utcnow

# Long enough for a teacher to pick a course on the deep-linking page; a nonce or a state is
# used within seconds of being made.
LAUNCH_LIFETIME = 3600


def put(key: str, value, seconds: int) -> None:
    """Keep value under key for that many seconds (replacing any earlier value). Commits."""
    now = utcnow()
    with write_transaction():
        db.session.execute(delete(LtiLaunchValue).where(
            (LtiLaunchValue.key == key) | (LtiLaunchValue.expires_at < now)))
        db.session.add(LtiLaunchValue(key=key, value=value,
                                      expires_at=now + timedelta(seconds=seconds)))


def get(key: str):
    return db.session.scalar(select(LtiLaunchValue.value).where(
        LtiLaunchValue.key == key, LtiLaunchValue.expires_at > utcnow()))


def take(key: str):
    """The value under key, removed so that nobody gets it again (None: absent, expired or
    already taken by another request). Commits."""
    value = get(key)
    if value is None:
        return None
    with write_transaction():
        taken = db.session.execute(delete(LtiLaunchValue).where(
            LtiLaunchValue.key == key, LtiLaunchValue.expires_at > utcnow())).rowcount
    return value if taken == 1 else None


class DatabaseLaunchStorage(LaunchDataStorage):
    """Keys are global, not per browser session: states and nonces are random, and a state is
    still bound to the browser by pylti1p3's state cookie."""

    def get_session_cookie_name(self) -> None:
        return None

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str):
        return get(self._prepare_key(key))

    def set_value(self, key: str, value, exp: int | None = None) -> None:
        # pylti1p3 asks for a day; nothing of a launch is needed for more than an hour.
        put(self._prepare_key(key), value, min(exp or LAUNCH_LIFETIME, LAUNCH_LIFETIME))

    def check_value(self, key: str) -> bool:
        return self.get_value(key) is not None


class OneTimeNonceSessionService(FlaskSessionService):
    """pylti1p3's session service, with a nonce that is used up by the launch that checks it."""

    data_storage: t.Any

    def check_nonce(self, nonce: str) -> bool:
        key = self.data_storage._prepare_key(self._get_key("nonce", nonce))
        return take(key) is not None
