"""Accounts and password-reset tokens."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, Enum, ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import Timestamped, UTCDateTime, utcnow


class Role(enum.StrEnum):
    LEARNER = "learner"
    TRAINER = "trainer"
    ADMIN = "admin"


# What a password hash field starts with when the account has no password (as in /etc/shadow).
NO_PASSWORD_MARK = "!"  # noqa: S105 (a marker, not a password)


class User(UserMixin, Timestamped, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    certificate_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=Role.LEARNER,
    )
    # The generation of the account's sessions: a LoginSession counts only while it carries
    # this value, so rotating it (new password, "log out everywhere") ends them all in one write.
    # Joined by Flask-Login's user loader on every signed-in request, hence the index.
    session_token: Mapped[str] = mapped_column(String(64), unique=True)
    # An admin may deactivate an account: it cannot log in, its certificates stay verifiable.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Gentle reminder emails about an unfinished course: only when the learner chose them.
    reminder_emails: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The language the learner chose (lms/i18n.py): pages on any device, and their emails.
    # None until they choose: the cookie or the browser decides meanwhile.
    language: Mapped[str | None] = mapped_column(String(10), nullable=True)

    @property
    def is_active(self) -> bool:
        """Flask-Login's login_user() refuses an inactive account."""
        return self.active

    # The session this request is signed in with: set at log-in and by the user loader.
    login = None  # a sessions.Login: the session row's id, key and "remember"

    def get_id(self) -> str:
        """What Flask-Login keeps in the cookies: the session's key, never the account's id."""
        return self.login.key

    @property
    def has_password(self) -> bool:
        """False for an account that signs in only through a learning platform (LTI): its
        hash field holds a marker that starts with "!", which no password matches."""
        return not self.password_hash.startswith(NO_PASSWORD_MARK)

    @property
    def is_trainer(self) -> bool:
        return self.role in (Role.TRAINER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def printed_name(self) -> str:
        return self.certificate_name or self.name


class LoginSession(db.Model):
    """One signed-in browser. Logging out deletes it; left idle, it stops counting."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    user_token: Mapped[str] = mapped_column(String(64))  # User.session_token when it began
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Stamped at most every few minutes (sessions.TOUCH_AFTER), never on every request.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EmailToken(Timestamped, db.Model):
    """A single-use emailed link (finish sign-up, reset password); only its SHA-256 is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    # Purpose-specific data, e.g. a pending sign-up's name, password hash and where to return.
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
