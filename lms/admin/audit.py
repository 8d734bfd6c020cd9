"""Reading the audit log (lms/audit.py keeps it): the newest entries, one account's, one
certificate's, and what an account holder gets in their data download."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from lms.audit import AuditEvent
from lms.auth.models import User
from lms.extensions import db

PAGE_SIZE = 200


def _events(*conditions) -> list:
    """Entries, newest first, each with the subject account's name and email (None once
    deleted)."""
    subject = aliased(User)
    query = (select(AuditEvent, subject.name, subject.email)
             .outerjoin(subject, AuditEvent.subject_id == subject.id)
             .where(*conditions)
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(PAGE_SIZE))
    return db.session.execute(query).all()


def latest_events(subject_id: int | None = None) -> list:
    """The newest entries, for one account or all."""
    return _events(*([AuditEvent.subject_id == subject_id] if subject_id is not None else []))


def events_for(targets: list[str]) -> list:
    """The entries about these targets (e.g. a certificate and the ones it replaced)."""
    return _events(AuditEvent.target.in_(targets))


def events_about(subject_id: int) -> list[AuditEvent]:
    """What admins changed on this account, for the holder's data download."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.subject_id == subject_id)
                                   .order_by(AuditEvent.at)))
