"""A learner's meeting with the school, and the course reminders already sent to them."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from lms.dates import long_date
from lms.extensions import db
from lms.models_base import Timestamped, UTCDateTime


class MeetingKind(enum.StrEnum):
    IEP = "iep"
    SECTION_504 = "504"
    INCIDENT = "incident"

    @property
    def label(self) -> str:
        return {"iep": _("IEP meeting"), "504": _("504 meeting"),
                "incident": _("meeting about an incident")}[self.value]


class MeetingPlan(Timestamped, db.Model):
    """One upcoming meeting per learner: what the "Before your meeting" page plans for."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    meeting_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[MeetingKind] = mapped_column(
        Enum(MeetingKind, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]))
    # One email two days before, if asked for; reminded_at says it went (set when claimed).
    remind: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def long_date(self) -> str:
        """ "Saturday 6 March 2027", as the page and the email write it."""
        return long_date(self.meeting_on, weekday=True)


class CourseReminder(db.Model):
    """How many gentle reminders a learner has had about an unfinished course, and when the
    last one went: the row the sending worker claims, so no reminder goes twice."""

    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    sent_count: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
