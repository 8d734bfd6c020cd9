"""The API's credentials: a learner's personal access tokens and the organisation's API keys.

Only a SHA-256 of each secret is kept (the secret is random, 256 bits, so a fast hash is
enough: nothing to guess), with its first characters to tell one from another on a page.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class Credential:
    """The columns a token and a key share."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(20))  # shown: "lms_pat_Ab12Cd" and so on
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class PersonalToken(Credential, db.Model):
    """A learner's token: reads their own progress and certificates, nothing else."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)


class ApiKey(Credential, db.Model):
    """An organisation's key, made by an admin, with the scopes it may read."""

    scopes: Mapped[str] = mapped_column(String(200))  # space-separated, as OAuth writes them
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()
