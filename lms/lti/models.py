"""What the LTI 1.3 tool keeps: the platforms registered by admins, the tool's own signing key,
who a launched person is (by issuer and subject), where to send their grades, and the short-lived
values of the OIDC handshake (state, nonces, launches), all in the database every host shares."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import Timestamped, UTCDateTime, utcnow


class LtiPlatform(Timestamped, db.Model):
    """A district's or partner's LMS, as its admin registered the tool there."""

    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    issuer: Mapped[str] = mapped_column(String(255), index=True)
    client_id: Mapped[str] = mapped_column(String(255))
    # The platform's deployment ids for this tool: a launch naming another one is refused.
    deployment_ids: Mapped[list] = mapped_column(JSON, default=list)
    auth_login_url: Mapped[str] = mapped_column(String(500))
    auth_token_url: Mapped[str] = mapped_column(String(500))
    key_set_url: Mapped[str] = mapped_column(String(500))


class LtiToolKey(db.Model):
    """The tool's RSA key pair (when no LTI_PRIVATE_KEY setting gives one): made on first use
    and kept here, so that every web host and worker signs with the same key."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LtiAccount(db.Model):
    """A person a platform launched, linked to their account here by (issuer, subject): the
    platform need not share an email address."""

    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LtiGradeLink(db.Model):
    """Where a learner's score for a course goes: the line item of the platform's link
    (a placed course or module) they were launched from, with the scopes the platform granted."""

    __table_args__ = (UniqueConstraint("platform_id", "user_id", "lineitem_url"),
                      Index("ix_lti_grade_link_learner", "user_id", "course_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    resource_link_id: Mapped[str] = mapped_column(String(255))
    module_slug: Mapped[str | None] = mapped_column(String(120))
    lineitem_url: Mapped[str] = mapped_column(String(500))
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    # When the score last reached the platform (None: not yet, or it failed and is retried).
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LtiLaunchValue(db.Model):
    """One short-lived value of the LTI handshake (a nonce, a state, a validated launch, a
    one-time "continue in a new window" token): shared by every host, and consumed atomically
    where it must work once."""

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[dict | list | str | bool | None] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
