"""The working copy of a course (its draft) and the revision history."""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class CourseDraft(db.Model):
    """The whole course as CourseData JSON; learners never read it. One per course."""

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), unique=True)
    data: Mapped[dict] = mapped_column(JSON)
    # Optimistic lock: every UPDATE checks and bumps it, so two writers never lose a change.
    version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Revision(db.Model):
    """One saved state of a lesson, a module's quiz, or the course's own fields."""

    # The unique number per entity is also the lock: two saves cannot both claim number n.
    __table_args__ = (UniqueConstraint("course_id", "kind", "slug", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))  # indexed by the constraint
    kind: Mapped[str] = mapped_column(String(10))  # "lesson", "quiz" (by module slug), "course"
    slug: Mapped[str] = mapped_column(String(80))
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")


class EnglishSource(db.Model):
    """The English text of a translated item as it was when a translation was written from it,
    kept by its hash (the translation's source_sha256), so the Spanish editor can show what
    changed in the English since. Written once per text; never changed."""

    __table_args__ = (UniqueConstraint("course_id", "kind", "slug", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))  # indexed by the constraint
    kind: Mapped[str] = mapped_column(String(20))  # as Translated.kind
    slug: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    lines: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublishedChange(db.Model):
    """One item a publish changed (course content_version `version` is the publish), with its
    text before and after as lines, so the summary links each item to its diff afterwards."""

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    change: Mapped[str] = mapped_column(String(10))  # "added", "changed" or "removed"
    before: Mapped[list] = mapped_column(JSON)
    after: Mapped[list] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_published_change_course_id_version", "course_id", "version"),)
