"""Lessons in the draft: add, save, reorder, move to another module, retire; and the lessons
learners once had that the draft no longer holds. One transaction each."""
from sqlalchemy import select

from lms.authoring import history
from lms.authoring.draft import (
    MAX_PER_LIST,
    AuthoringError,
    all_lessons,
    change_draft,
    find_lesson,
    find_module,
    move,
    taken_slugs,
    unique_slug,
)
from lms.content.schema import CourseData, LessonData
from lms.courses.models import Course, Lesson
from lms.extensions import db
from lms.refusal import N_

URGENT_MESSAGE = N_("This lesson is the home page's “what to do now” link, so it cannot be "
                    "retired. Edit it instead.")


def add_lesson(course: Course, user_id: int, module_slug: str, content: dict,
               note: str = "") -> str:
    def mutate(data: CourseData) -> str:
        module = find_module(data, module_slug)
        if len(module.lessons) >= MAX_PER_LIST:
            raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                                 limit=MAX_PER_LIST)
        taken = taken_slugs(course.id, Lesson, "lesson") | {
            lesson.slug for lesson in all_lessons(data)}
        slug = unique_slug(content["title"], taken, "lesson")
        lesson = LessonData.blank(slug)
        history.apply_lesson_content(lesson, content)
        module.lessons.append(lesson)
        history.record(course.id, "lesson", slug, before=None,
                       after=history.lesson_content(lesson), author_id=user_id,
                       note=note or "Created")
        return slug
    return change_draft(course, user_id, mutate)


def save_lesson(course: Course, user_id: int, slug: str, content: dict, expected: int,
                note: str = "") -> bool:
    """Save the lesson's text; False when nothing changed. Raises EditConflict (see history)."""
    def mutate(data: CourseData) -> bool:
        _, lesson = find_lesson(data, slug)
        before = history.lesson_content(lesson)
        history.apply_lesson_content(lesson, content)
        after = history.lesson_content(lesson)
        if after == before:
            return False
        history.record(course.id, "lesson", slug, before=before, after=after,
                       author_id=user_id, note=note, expected=expected)
        return True
    return change_draft(course, user_id, mutate)


def move_lesson(course: Course, user_id: int, slug: str, delta: int) -> bool:
    def mutate(data: CourseData) -> bool:
        module, lesson = find_lesson(data, slug)
        return move(module.lessons, lesson, delta)
    return change_draft(course, user_id, mutate)


def move_lesson_to(course: Course, user_id: int, slug: str, module_slug: str,
                   position: int) -> None:
    """Put the lesson at position (1 = first) in a module, its own or another."""
    def mutate(data: CourseData):
        source, lesson = find_lesson(data, slug)
        target = find_module(data, module_slug)
        if target is not source and len(target.lessons) >= MAX_PER_LIST:
            raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                                 limit=MAX_PER_LIST)
        source.lessons.remove(lesson)
        target.lessons.insert(max(0, min(position - 1, len(target.lessons))), lesson)
    change_draft(course, user_id, mutate)


def retire_lesson(course: Course, user_id: int, slug: str) -> None:
    """Drop the lesson from the draft; publishing retires it. Progress and revisions stay."""
    def mutate(data: CourseData):
        module, lesson = find_lesson(data, slug)
        if data.urgent_lesson == slug:
            raise AuthoringError(URGENT_MESSAGE)
        module.lessons.remove(lesson)
    change_draft(course, user_id, mutate)


def retired_lessons(course: Course, data: CourseData) -> list[Lesson]:
    """Lessons learners once had that the working copy no longer holds (restorable)."""
    current = {lesson.slug for lesson in all_lessons(data)}
    return [lesson for lesson in db.session.scalars(
        select(Lesson).where(Lesson.course_id == course.id).order_by(Lesson.title))
        if lesson.slug not in current]
