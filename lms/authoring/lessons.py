"""Editing the draft: course fields, modules, lessons and quizzes; one transaction each."""

from sqlalchemy import select

from lms.authoring import edits, revisions
from lms.authoring.draft import change_draft, find_lesson, find_module, working_copy
from lms.authoring.models import Revision
from lms.content.schema import CourseData, LessonData, ModuleData
from lms.courses.models import Course, Lesson, Module, Question, Quiz
from lms.extensions import db
from lms.refusal import N_, Refusal


class AuthoringError(Refusal):
    """A change that cannot be made, with a message for the trainer."""


def _taken(course_id: int, model, kind: str) -> set[str]:
    """Slugs in use now or ever (retired rows and revisions included): a slug is never reused."""
    rows = set(db.session.scalars(select(model.slug).where(model.course_id == course_id)))
    return rows | set(db.session.scalars(select(Revision.slug).where(
        Revision.course_id == course_id, Revision.kind == kind)))


def save_course_fields(course: Course, user_id: int, content: dict, expected: int,
                       note: str = "") -> None:
    def mutate(data: CourseData):
        before = edits.course_content(data)
        revisions.record(course.id, "course", course.slug, before=before, after=content,
                         author_id=user_id, note=note, expected=expected)
        edits.apply_course_content(data, content)
    change_draft(course, user_id, mutate)


def add_module(course: Course, user_id: int, title: str, summary: str) -> str:
    def mutate(data: CourseData) -> str:
        if len(data.modules) >= edits.MAX_PER_LIST:
            raise AuthoringError(N_("A course holds at most %(limit)s modules."),
                                 limit=edits.MAX_PER_LIST)
        taken = _taken(course.id, Module, "quiz") | {m.slug for m in data.modules}
        slug = edits.unique_slug(title, taken, "module")
        data.modules.append(ModuleData(slug=slug, position=0, title=title, summary=summary))
        return slug
    return change_draft(course, user_id, mutate)


def edit_module(course: Course, user_id: int, slug: str, title: str, summary: str) -> None:
    def mutate(data: CourseData):
        module = find_module(data, slug)
        module.title, module.summary = title, summary
    change_draft(course, user_id, mutate)


def move_module(course: Course, user_id: int, slug: str, delta: int) -> bool:
    return change_draft(course, user_id,
                        lambda data: edits.move(data.modules, find_module(data, slug), delta))


def retire_module(course: Course, user_id: int, slug: str) -> None:
    """Drop the module (and the lessons still in it) from the draft; publishing retires them."""
    def mutate(data: CourseData):
        module = find_module(data, slug)
        if len(data.modules) == 1:
            raise AuthoringError(N_("The course needs at least one module."))
        if data.urgent_lesson in {lesson.slug for lesson in module.lessons}:
            raise AuthoringError(_URGENT_MESSAGE)
        data.modules.remove(module)
    change_draft(course, user_id, mutate)


_URGENT_MESSAGE = N_("This lesson is the home page's “what to do now” link, so it cannot be "
                     "retired. Edit it instead.")


def add_lesson(course: Course, user_id: int, module_slug: str, content: dict,
               note: str = "") -> str:
    def mutate(data: CourseData) -> str:
        module = find_module(data, module_slug)
        if len(module.lessons) >= edits.MAX_PER_LIST:
            raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                                 limit=edits.MAX_PER_LIST)
        taken = _taken(course.id, Lesson, "lesson") | {
            lesson.slug for lesson in edits.all_lessons(data)}
        slug = edits.unique_slug(content["title"], taken, "lesson")
        lesson = LessonData.blank(slug)
        edits.apply_lesson_content(lesson, content)
        module.lessons.append(lesson)
        revisions.record(course.id, "lesson", slug, before=None,
                         after=edits.lesson_content(lesson), author_id=user_id,
                         note=note or "Created")
        return slug
    return change_draft(course, user_id, mutate)


def save_lesson(course: Course, user_id: int, slug: str, content: dict, expected: int,
                note: str = "") -> bool:
    """Save the lesson's text; False when nothing changed. Raises EditConflict (see revisions)."""
    def mutate(data: CourseData) -> bool:
        _, lesson = find_lesson(data, slug)
        before = edits.lesson_content(lesson)
        edits.apply_lesson_content(lesson, content)
        after = edits.lesson_content(lesson)
        if after == before:
            return False
        revisions.record(course.id, "lesson", slug, before=before, after=after,
                         author_id=user_id, note=note, expected=expected)
        return True
    return change_draft(course, user_id, mutate)


def move_lesson(course: Course, user_id: int, slug: str, delta: int) -> bool:
    def mutate(data: CourseData) -> bool:
        module, lesson = find_lesson(data, slug)
        return edits.move(module.lessons, lesson, delta)
    return change_draft(course, user_id, mutate)


def move_lesson_to(course: Course, user_id: int, slug: str, module_slug: str,
                   position: int) -> None:
    """Put the lesson at position (1 = first) in a module, its own or another."""
    def mutate(data: CourseData):
        source, lesson = find_lesson(data, slug)
        target = find_module(data, module_slug)
        if target is not source and len(target.lessons) >= edits.MAX_PER_LIST:
            raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                                 limit=edits.MAX_PER_LIST)
        source.lessons.remove(lesson)
        target.lessons.insert(max(0, min(position - 1, len(target.lessons))), lesson)
    change_draft(course, user_id, mutate)


def retire_lesson(course: Course, user_id: int, slug: str) -> None:
    """Drop the lesson from the draft; publishing retires it. Progress and revisions stay."""
    def mutate(data: CourseData):
        module, lesson = find_lesson(data, slug)
        if data.urgent_lesson == slug:
            raise AuthoringError(_URGENT_MESSAGE)
        module.lessons.remove(lesson)
    change_draft(course, user_id, mutate)


def set_handout_before_meeting(course: Course, user_id: int, slug: str, value: bool) -> None:
    """Whether the handout is suggested for printing before a meeting with the school."""
    def mutate(data: CourseData):
        handout = next((r for r in data.resources if r.slug == slug), None)
        if handout is None:
            raise AuthoringError(N_("That handout is no longer in the draft."))
        handout.before_meeting = bool(value)
    change_draft(course, user_id, mutate)


def retired_lessons(course: Course, data: CourseData) -> list[Lesson]:
    """Lessons learners once had that the working copy no longer holds (restorable)."""
    current = {lesson.slug for lesson in edits.all_lessons(data)}
    return [lesson for lesson in db.session.scalars(
        select(Lesson).where(Lesson.course_id == course.id).order_by(Lesson.title))
        if lesson.slug not in current]


def exists(course: Course, kind: str, slug: str) -> bool:
    """Whether the course has (or had) this lesson, module quiz or course; for history pages."""
    if kind == "course":
        return slug == course.slug
    model = Lesson if kind == "lesson" else Module
    data, _ = working_copy(course)
    in_draft = {lesson.slug for lesson in edits.all_lessons(data)} if kind == "lesson" else {
        module.slug for module in data.modules}
    return slug in in_draft or db.session.scalar(select(model.id).where(
        model.course_id == course.id, model.slug == slug)) is not None


def question_keys(course: Course, module_slug: str) -> set[str]:
    """Every key a question of this module's quiz has had: answers refer to questions by key."""
    return set(db.session.scalars(select(Question.key).join(Quiz).join(Module).where(
        Module.course_id == course.id, Module.slug == module_slug)))


def save_quiz(course: Course, user_id: int, module_slug: str, content: dict, expected: int,
              note: str = "") -> bool:
    """Save the module's quiz; new questions get a key. False when nothing changed."""
    def mutate(data: CourseData) -> bool:
        module = find_module(data, module_slug)
        taken = question_keys(course, module_slug) | {q.key for q in module.questions}
        for question in content["questions"]:
            if not question.get("key"):
                question["key"] = edits.unique_slug(question["prompt"], taken, "question", 40)
                taken.add(question["key"])
        before = edits.quiz_content(module)
        if content == before:
            return False
        revisions.record(course.id, "quiz", module_slug, before=before, after=content,
                         author_id=user_id, note=note, expected=expected)
        edits.apply_quiz_content(module, content)
        return True
    return change_draft(course, user_id, mutate)


def restore(course: Course, user_id: int, kind: str, slug: str, number: int) -> int:
    """Copy an old revision into the draft as a new revision; returns the new number.

    A retired lesson comes back at the end of its old module (or the last module)."""
    old = revisions.get_revision(course.id, kind, slug, number)

    def mutate(data: CourseData) -> int:
        before, apply = _target(course, data, kind, slug)
        revision = revisions.record(course.id, kind, slug, before=before, after=old.content,
                                    author_id=user_id, note=f"Restored revision {number}")
        apply(old.content)
        return revision.number
    return change_draft(course, user_id, mutate)


def _target(course: Course, data: CourseData, kind: str, slug: str):
    """The current content of an entity in data, and a function that replaces it."""
    if kind == "course":
        return edits.course_content(data), lambda c: edits.apply_course_content(data, c)
    if kind == "quiz":
        module = find_module(data, slug)
        return edits.quiz_content(module), lambda c: edits.apply_quiz_content(module, c)
    lesson = next((each for each in edits.all_lessons(data) if each.slug == slug), None)
    if lesson is None:
        lesson = LessonData.blank(slug)
        _home_module(course, data, slug).lessons.append(lesson)
        return None, lambda c: edits.apply_lesson_content(lesson, c)
    return edits.lesson_content(lesson), lambda c: edits.apply_lesson_content(lesson, c)


def _home_module(course: Course, data: CourseData, lesson_slug: str) -> ModuleData:
    row = db.session.scalar(select(Lesson).where(Lesson.course_id == course.id,
                                                 Lesson.slug == lesson_slug))
    old = row.module.slug if row else None
    module = next((m for m in data.modules if m.slug == old), data.modules[-1])
    if len(module.lessons) >= edits.MAX_PER_LIST:
        raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                                 limit=edits.MAX_PER_LIST)
    return module
