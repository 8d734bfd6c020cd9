"""The audit log: who changed which account, what, and when; admins read it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, aliased, mapped_column

from lms.auth.models import User
from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow

PAGE_SIZE = 200


class AuditEvent(db.Model):
    """One admin action on an account. The detail names no one: people are linked by id, so a
    deleted account leaves "a deleted account" behind, not its name."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"),
                                                   index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")


def record(actor_id: int, subject_id: int | None, action: str, detail: str = "") -> None:
    """Add an entry in the caller's transaction, so the change and its record commit together."""
    db.session.add(AuditEvent(actor_id=actor_id, subject_id=subject_id, action=action,
                              detail=detail))


def latest_events(subject_id: int | None = None) -> list:
    """The newest entries (for one account, or all), with the names of both people."""
    actor, subject = aliased(User), aliased(User)
    query = (select(AuditEvent, actor.name, actor.email, subject.name, subject.email)
             .outerjoin(actor, AuditEvent.actor_id == actor.id)
             .outerjoin(subject, AuditEvent.subject_id == subject.id)
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(PAGE_SIZE))
    if subject_id is not None:
        query = query.where(AuditEvent.subject_id == subject_id)
    return db.session.execute(query).all()


def events_about(subject_id: int) -> list[AuditEvent]:
    """What admins changed on this account, for the holder's data download."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.subject_id == subject_id)
                                   .order_by(AuditEvent.at)))
