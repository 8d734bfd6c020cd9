"""What each learner has done: enrolment (and where they stopped), completions, quiz attempts;
and what a guest (a visitor without an account) has done on one device, until it joins an
account or sits unvisited for 90 days."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class Enrolment(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lesson.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LessonCompletion(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), index=True)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizAttempt(db.Model):
    # The reports read first attempts only (item analysis): a small index of its own, so they
    # never scan the whole history of retries.
    __table_args__ = (
        Index("ix_quiz_attempt_first", "quiz_id", "submitted_at",
              sqlite_where=text("attempt_number = 1"),
              postgresql_where=text("attempt_number = 1")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    score: Mapped[int] = mapped_column(Integer)  # percent, 0-100
    passed: Mapped[bool] = mapped_column(Boolean)
    # {question_key: [choice indices]} as submitted
    answers: Mapped[dict] = mapped_column(JSON)
    # 1 for the learner's first try at this quiz, 2 for the second, ...
    attempt_number: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # What the attempt asked, in the order shown (lms/progress/draw.py):
    # [{"key": question key, "order": [choice indices as shown]}]; None before pools existed.
    drawn: Mapped[list | None] = mapped_column(JSON)


class QuizPass(db.Model):
    """A learner's first pass of a quiz, the quiz's counterpart of LessonCompletion: recorded
    once, with how many attempts it took, so reports count passes without reading every retry."""

    __table_args__ = (UniqueConstraint("user_id", "quiz_id"),
                      Index("ix_quiz_pass_quiz_passed_at", "quiz_id", "passed_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"))
    passed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer)


class Guest(db.Model):
    """A visitor's progress on one device: found by the SHA-256 of the random token in their
    guest cookie, and holding no personal data (no name, email, address or browser details).

    Kept apart from the account tables, so reports and tallies count accounts only; the steps
    join an account when the visitor signs up or logs in (lms/progress/joining.py).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Stamped at most once a day (guests.TOUCH_AFTER); the purge reads it.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class GuestPlace(db.Model):
    """The lesson a guest opened last in one course: where "Continue" takes them there."""

    __table_args__ = (UniqueConstraint("guest_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guest.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    last_lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"))


class GuestLessonCompletion(db.Model):
    __table_args__ = (UniqueConstraint("guest_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guest.id", ondelete="CASCADE"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GuestQuizAttempt(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guest.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    score: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    answers: Mapped[dict] = mapped_column(JSON)
    drawn: Mapped[list | None] = mapped_column(JSON)  # as QuizAttempt.drawn
    # No attempt number: attempts are numbered when they join an account, after its own.
