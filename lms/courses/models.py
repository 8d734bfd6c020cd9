"""The course as learners see it: Course > Module > Lesson, a Quiz a module, handouts, glossary,
and the editions published."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class Visibility(enum.StrEnum):
    """Who finds a course: the catalogue lists it, its link opens it, only its staff see it, or
    it takes no new learners (existing learners finish; certificates stay verifiable)."""

    DRAFT = "draft"
    LISTED = "listed"
    UNLISTED = "unlisted"
    ARCHIVED = "archived"

    @property
    def open_to_learners(self) -> bool:
        return self is not Visibility.DRAFT

    @property
    def takes_new_learners(self) -> bool:
        return self in (Visibility.LISTED, Visibility.UNLISTED)


class Course(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(10), default="en")
    edition: Mapped[str] = mapped_column(String(40))
    pass_mark: Mapped[int] = mapped_column(Integer, default=80)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    intro_title: Mapped[str] = mapped_column(String(200), default="About this course")
    intro_md: Mapped[str] = mapped_column(Text, default="")
    intro_html: Mapped[str] = mapped_column(Text, default="")
    # The lesson the home page's "my child was just restrained or secluded" link opens.
    urgent_lesson_slug: Mapped[str] = mapped_column(String(80), default="")
    # Bumped by every publish and import in the same transaction: the one thing a request checks
    # to know whether its process's snapshot of the published course is still current.
    content_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The catalogue: who the course is for, whether and where it is listed.
    audience: Mapped[str] = mapped_column(Text, default="", server_default="")
    visibility: Mapped[Visibility] = mapped_column(
        Enum(Visibility, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=Visibility.LISTED, server_default=Visibility.LISTED.value)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    modules: Mapped[list[Module]] = relationship(
        back_populates="course", order_by="Module.position"
    )


class Module(db.Model):
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    course: Mapped[Course] = relationship(back_populates="modules")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", order_by="Lesson.position"
    )
    quiz: Mapped[Quiz | None] = relationship(back_populates="module")


class Lesson(db.Model):
    # A lesson's slug is unique in its course, so it keeps its identity when moved between modules.
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer, default=5)
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    resource_slugs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # In the learner's "Before your meeting" plan (front matter `before_meeting`).
    before_meeting: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # When its facts were last checked, and when to check a time-sensitive one again (front
    # matter `reviewed`, `check_again_by`, `check_again_for`). NULL only in rows imported
    # before review dates existed; every file carries `reviewed`.
    reviewed: Mapped[date | None] = mapped_column(Date)
    check_again_by: Mapped[date | None] = mapped_column(Date)
    check_again_for: Mapped[str] = mapped_column(String(200), default="", server_default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    module: Mapped[Module] = relationship(back_populates="lessons")


class Quiz(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="Check what you learned")
    # How many of its questions (the pool) an attempt asks, drawn per attempt; None: all.
    ask: Mapped[int | None] = mapped_column(Integer)

    module: Mapped[Module] = relationship(back_populates="quiz")
    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz", order_by="Question.position"
    )


class Question(db.Model):
    __table_args__ = (UniqueConstraint("quiz_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    # As QuestionData.choices (content/schema.py): answers refer to choices by index.
    choices: Mapped[list[dict]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # The lesson a learner who got it wrong is sent back to ("": the module).
    lesson_slug: Mapped[str] = mapped_column(String(80), default="", server_default="")

    quiz: Mapped[Quiz] = relationship(back_populates="questions")


class Resource(db.Model):
    """A handout offered as a printable page and a PDF."""

    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    before_meeting: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # As Lesson's.
    reviewed: Mapped[date | None] = mapped_column(Date)
    check_again_by: Mapped[date | None] = mapped_column(Date)
    check_again_for: Mapped[str] = mapped_column(String(200), default="", server_default="")


class GlossaryTerm(db.Model):
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    term: Mapped[str] = mapped_column(String(120))
    definition_md: Mapped[str] = mapped_column(Text)
    definition_html: Mapped[str] = mapped_column(Text)


class Edition(db.Model):
    """A published edition of a course, with what changed; certificates name their edition."""

    __table_args__ = (UniqueConstraint("course_id", "edition"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    edition: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Translation(db.Model):
    """One item's text in another language (issue 15): a lesson, quiz, handout, glossary term,
    module, the course or its introduction, by kind and English slug. `fields` holds the
    item's translated text as in its plain type's `translations` (lms/content/schema.py);
    `source_sha256` is the hash of the English text it was written from."""

    __table_args__ = (UniqueConstraint("course_id", "kind", "slug", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(10))
    fields: Mapped[dict] = mapped_column(JSON)
    source_sha256: Mapped[str] = mapped_column(String(64))


class CourseStaff(db.Model):
    """A trainer who authors, publishes and reports on one course (admins manage every course)."""

    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
