"""The draft: a working copy of the whole course as CourseData, stored as JSON in CourseDraft.

Learners read the published rows; trainers change only the draft, always through change_draft(),
so every write is checked against the draft's version and retried on a lost race.
"""
from collections.abc import Callable
from typing import TypeVar

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from lms.authoring.models import CourseDraft
from lms.content.mapping import published_course
from lms.content.schema import (
    CourseData,
    LessonData,
    ModuleData,
    course_from_dict,
    course_to_dict,
)
from lms.courses.models import Course
from lms.extensions import db

T = TypeVar("T")
ATTEMPTS = 3


class DraftBusy(Exception):
    """Others kept changing the draft while we tried to save; nothing was saved."""


def get_draft(course_id: int) -> CourseDraft | None:
    return db.session.scalar(select(CourseDraft).where(CourseDraft.course_id == course_id))


def working_copy(course: Course) -> tuple[CourseData, CourseDraft | None]:
    """The draft's data if there is one, else the published course (reading never makes one)."""
    draft = get_draft(course.id)
    return (course_from_dict(draft.data) if draft else published_course(course)), draft


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
