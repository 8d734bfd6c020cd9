"""The audit log's record: who changed what others see, what, and when. Every admin and trainer
action that changes accounts, roles, certificates, the published course or the signing keys
adds one entry in the transaction that makes the change (so both commit, or neither).

A bottom-layer module (it imports no feature), so that any feature can record into it; the
admins read it through lms/admin/audit.py.

The author is kept twice: actor_id links to their live account (SET NULL when it is deleted)
and actor_account with actor_name are a snapshot taken when they acted, so an entry keeps
saying who did it after the author deletes their account (security review N10). The account
acted on is linked by id only: a deleted one leaves "a deleted account" behind, not its name.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow

COMMAND_LINE = "command line"  # the author of what a `flask ...` command does on the server
DETAIL_LENGTH = 500


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The author when they acted (no foreign key: it outlives their account): their account's
    # number and "Name (email)", or COMMAND_LINE with no number.
    actor_account: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(400), default="", server_default="")
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"),
                                                   index=True)
    # What was changed when it is not only an account: "certificate ABCD-2345-WXYZ",
    # "course restraint-and-seclusion", "signing key <thumbprint>".
    target: Mapped[str] = mapped_column(String(160), default="", server_default="", index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(DETAIL_LENGTH), default="")


def _author(actor_id: int | None) -> str:
    if actor_id is None:
        return COMMAND_LINE
    users = db.metadata.tables["user"]  # the table, not the model: auth imports nothing here
    row = db.session.execute(select(users.c.name, users.c.email)
                             .where(users.c.id == actor_id)).first()
    return f"{row.name} ({row.email})" if row else ""


def record(actor_id: int | None, action: str, *, subject_id: int | None = None,
           target: str = "", detail: str = "") -> AuditEvent:
    """Add an entry in the caller's transaction. actor_id None: a command run on the server."""
    event = AuditEvent(actor_id=actor_id, actor_account=actor_id, actor_name=_author(actor_id),
                       subject_id=subject_id, target=target[:160], action=action,
                       detail=detail[:DETAIL_LENGTH])
    db.session.add(event)
    return event
