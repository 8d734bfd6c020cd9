"""The draft: a working copy of the whole course as CourseData, stored as JSON in CourseDraft,
and the toolkit every editor uses on it (find, move, number, name).

Learners read the published rows; trainers change only the draft, always through change_draft(),
so every write is checked against the draft's version and retried on a lost race.
"""
from collections.abc import Callable
from typing import TypeVar

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from lms.authoring.models import CourseDraft, Revision
from lms.content.mapping import published_course
from lms.content.schema import (
    CourseData,
    LessonData,
    ModuleData,
    ResourceData,
    course_from_dict,
    course_to_dict,
)
from lms.courses.models import Course
from lms.extensions import db
from lms.refusal import Refusal
from lms.slugs import slugify

T = TypeVar("T")
ATTEMPTS = 3
MAX_PER_LIST = 99  # the modules/ format numbers files with two digits


class DraftBusy(Exception):
    """Others kept changing the draft while we tried to save; nothing was saved."""


class AuthoringError(Refusal):
    """A change that cannot be made, with a message for the trainer."""


def get_draft(course_id: int) -> CourseDraft | None:
    return db.session.scalar(select(CourseDraft).where(CourseDraft.course_id == course_id))


def working_copy(course: Course) -> tuple[CourseData, CourseDraft | None]:
    """The draft's data if there is one, else the published course (reading never makes one)."""
    draft = get_draft(course.id)
    return (course_from_dict(draft.data) if draft else published_course(course)), draft


def has_unpublished_changes(course: Course, data: CourseData, draft: CourseDraft | None) -> bool:
    """Whether the working copy differs from what learners see (a draft may hold no change)."""
    return draft is not None and course_to_dict(data) != course_to_dict(published_course(course))


def change_draft(course: Course, user_id: int, mutate: Callable[[CourseData], T]) -> T:
    """Apply mutate to the working copy and save it as the draft, in one transaction.

    mutate may also add rows (revisions); they commit with the draft or not at all. When another
    request saved first (draft version or revision number taken), start again from its result.
    """
    for _ in range(ATTEMPTS):
        data, draft = working_copy(course)
        try:
            result = mutate(data)
        except Exception:
            db.session.rollback()
            raise
        renumber(data)
        if draft is None:
            draft = CourseDraft(course_id=course.id, created_by=user_id)
            db.session.add(draft)
        draft.data = course_to_dict(data)
        try:
            db.session.commit()
            return result
        except (StaleDataError, IntegrityError):
            db.session.rollback()
    raise DraftBusy


def renumber(data: CourseData) -> None:
    """Positions follow list order: modules 1..n, and lessons 1..n within each module."""
    for position, module in enumerate(data.modules, start=1):
        module.position = position
        for lesson_position, lesson in enumerate(module.lessons, start=1):
            lesson.position = lesson_position


def find_module(data: CourseData, slug: str) -> ModuleData:
    return next((m for m in data.modules if m.slug == slug), None) or abort(404)


def find_lesson(data: CourseData, slug: str) -> tuple[ModuleData, LessonData]:
    for module in data.modules:
        for lesson in module.lessons:
            if lesson.slug == slug:
                return module, lesson
    abort(404)


def find_handout(data: CourseData, slug: str) -> ResourceData:
    return next((r for r in data.resources if r.slug == slug), None) or abort(404)


def all_lessons(data: CourseData) -> list[LessonData]:
    return [lesson for module in data.modules for lesson in module.lessons]


def move(items: list, item, delta: int) -> bool:
    """Move item up (-1) or down (+1) in items; False when it is already at that end."""
    index = items.index(item)
    target = index + delta
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    return True


def taken_slugs(course_id: int, model, kind: str) -> set[str]:
    """Slugs in use now or ever (retired rows and revisions included): a slug is never reused."""
    rows = set(db.session.scalars(select(model.slug).where(model.course_id == course_id)))
    return rows | set(db.session.scalars(select(Revision.slug).where(
        Revision.course_id == course_id, Revision.kind == kind)))


def unique_slug(text: str, taken: set[str], fallback: str, max_length: int = 60) -> str:
    """A slug from text that no current or past entity has used (identity hangs on it)."""
    base = slugify(text, fallback, max_length)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def normalise_body(text: str) -> str:
    """Line endings and trailing space as the file loader leaves them, so export round-trips."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"
