"""Apply a course folder to the database: upsert by slug, retire what is gone, keep progress."""

from collections import Counter

import flask_babel
from sqlalchemy import select, update

from lms.content import mapping
from lms.content.change_words import Plural, english, phrase
from lms.content.schema import CourseData
from lms.courses.models import (
    Course,
    Edition,
    GlossaryTerm,
    Lesson,
    Module,
    Question,
    Quiz,
    Resource,
    Translation,
)
from lms.extensions import db


class Changes(Counter):
    """How many rows of each kind were created, updated or retired."""

    def note(self, kind: str, row, values: dict) -> None:
        changed = {k: v for k, v in values.items() if getattr(row, k, None) != v}
        if row.id is None:
            self[f"{kind} created"] += 1
        elif changed:
            self[f"{kind} updated"] += 1
        for key, value in changed.items():
            setattr(row, key, value)

    @property
    def created_course(self) -> bool:
        return self["course created"] > 0

    def summary(self, ngettext: Plural = english, nothing: str = "no changes") -> str:
        """In English ("1 lesson updated, 2 modules created"), for the command line."""
        return ", ".join(phrase(what, count, ngettext)
                         for what, count in sorted(self.items())) or nothing

    def said(self) -> str:
        """The summary in the reader's language, for a page or a message."""
        return self.summary(flask_babel.ngettext, flask_babel.gettext("no changes"))


def _by_slug(model, *where) -> dict:
    return {row.slug: row for row in db.session.scalars(select(model).where(*where))}


def import_course(data: CourseData) -> tuple[Course, Changes]:
    """Upsert the course in the caller's transaction; learners' progress is never touched.

    Bumps the course's content_version in the same transaction, so every web process replaces
    its snapshot of the published course at its next request.
    """
    changes = Changes()
    course = db.session.scalar(select(Course).where(Course.slug == data.slug)) or Course()
    new_edition = course.id is not None and course.edition != data.edition
    changes.note("course", course, mapping.course_values(data))
    db.session.add(course)
    db.session.flush()
    if new_edition and data.edition_note:
        _record_edition(course, data)
    _import_resources(course, data, changes)
    _import_glossary(course, data, changes)
    modules = _by_slug(Module, Module.course_id == course.id)
    lessons = _by_slug(Lesson, Lesson.course_id == course.id)
    for module_data in data.modules:
        module = modules.pop(module_data.slug, None) or Module(course_id=course.id)
        changes.note("modules", module, mapping.module_values(module_data))
        db.session.add(module)
        db.session.flush()
        for lesson_data in module_data.lessons:
            lesson = lessons.pop(lesson_data.slug, None) or Lesson(course_id=course.id)
            changes.note("lessons", lesson, mapping.lesson_values(lesson_data, module.id))
            db.session.add(lesson)
        _import_quiz(module, module_data, changes)
    for row in [*modules.values(), *lessons.values()]:
        if not row.retired:
            row.retired = True
            changes[f"{row.__tablename__}s retired"] += 1
    db.session.flush()
    _import_translations(course, data, changes)
    bump_content_version(course)
    return course, changes


def bump_content_version(course: Course) -> None:
    # Incremented by the database, so two imports committing one after the other always leave
    # two different numbers (a Python-side +1 could write the same number twice).
    db.session.execute(
        update(Course).where(Course.id == course.id)
        .values(content_version=Course.content_version + 1)
        .execution_options(synchronize_session=False))
    db.session.expire(course, ["content_version"])


def _record_edition(course: Course, data: CourseData) -> None:
    """A folder that names a new edition, with a note, records it as the browser does."""
    known = db.session.scalar(select(Edition.id).where(Edition.course_id == course.id,
                                                       Edition.edition == data.edition))
    if known is None:
        db.session.add(Edition(course_id=course.id, edition=data.edition,
                               note=data.edition_note))


def _import_quiz(module: Module, data, changes: Changes) -> None:
    quiz = db.session.scalar(select(Quiz).where(Quiz.module_id == module.id))
    if not data.questions and quiz is None:
        return
    quiz = quiz or Quiz(module_id=module.id)
    changes.note("quizzes", quiz, mapping.quiz_values(data))
    db.session.add(quiz)
    db.session.flush()
    existing = {
        q.key: q for q in db.session.scalars(select(Question).where(Question.quiz_id == quiz.id))
    }
    for position, q in enumerate(data.questions, start=1):
        question = existing.pop(q.key, None) or Question(quiz_id=quiz.id)
        changes.note("questions", question, mapping.question_values(q, position))
        db.session.add(question)
    for question in existing.values():
        if not question.retired:
            question.retired = True
            changes["questions retired"] += 1


def _sync_by_slug(model, course: Course, items: list, changes: Changes, kind: str, values) -> None:
    """Upsert items (each with a .slug) as rows of model and remove rows no longer listed.
    Only for rows that hold no learner data: handouts and glossary terms."""
    existing = _by_slug(model, model.course_id == course.id)
    for item in items:
        row = existing.pop(item.slug, None) or model(course_id=course.id)
        changes.note(kind, row, values(item))
        db.session.add(row)
    for row in existing.values():
        db.session.delete(row)
        changes[f"{kind} removed"] += 1


def _import_resources(course: Course, data: CourseData, changes: Changes) -> None:
    _sync_by_slug(Resource, course, data.resources, changes, "handouts", mapping.resource_values)


def _import_glossary(course: Course, data: CourseData, changes: Changes) -> None:
    _sync_by_slug(GlossaryTerm, course, data.glossary, changes, "glossary terms",
                  mapping.term_values)


def _import_translations(course: Course, data: CourseData, changes: Changes) -> None:
    """Upsert every translation the data holds and remove the others. A translation without
    `source_sha256` (a translator's file) is taken as written from the English imported beside
    it, unless its text is the one already stored: then it keeps the stored hash, so an English
    file changed under an unchanged Spanish file shows the Spanish as needing an update."""
    existing = {(row.kind, row.slug, row.language): row for row in db.session.scalars(
        select(Translation).where(Translation.course_id == course.id))}
    for (kind, slug, language), wanted in mapping.translation_values(data).items():
        row = existing.pop((kind, slug, language), None)
        sha = wanted["source_sha256"]
        if sha is None:
            unchanged = row is not None and row.fields == wanted["fields"]
            sha = row.source_sha256 if unchanged else wanted["english_sha"]
        row = row or Translation(course_id=course.id, kind=kind, slug=slug, language=language)
        changes.note("translations", row, {"fields": wanted["fields"], "source_sha256": sha})
        db.session.add(row)
    for row in existing.values():
        db.session.delete(row)
        changes["translations removed"] += 1
    db.session.flush()
