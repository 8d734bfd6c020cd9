"""Apply a course folder to the database: upsert by slug, retire what is gone, keep progress."""

from collections import Counter

from sqlalchemy import select

from lms.content.schema import CourseData
from lms.courses.markdown import render_markdown
from lms.courses.models import Course, GlossaryTerm, Lesson, Module, Question, Quiz, Resource
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

    def summary(self) -> str:
        return ", ".join(f"{count} {what}" for what, count in sorted(self.items())) or "no changes"


def _by_slug(model, *where) -> dict:
    return {row.slug: row for row in db.session.scalars(select(model).where(*where))}


def import_course(data: CourseData) -> tuple[Course, Changes]:
    """Upsert the course in the caller's transaction; learners' progress is never touched."""
    changes = Changes()
    course = db.session.scalar(select(Course).where(Course.slug == data.slug)) or Course()
    changes.note(
        "course",
        course,
        dict(
            slug=data.slug,
            title=data.title,
            summary=data.summary,
            language=data.language,
            edition=data.edition,
            pass_mark=data.pass_mark,
            organisation=data.organisation,
            urgent_lesson_slug=data.urgent_lesson,
            intro_title=data.intro_title,
            intro_md=data.intro_md,
            intro_html=render_markdown(data.intro_md),
        ),
    )
    db.session.add(course)
    db.session.flush()
    _import_resources(course, data, changes)
    _import_glossary(course, data, changes)
    modules = _by_slug(Module, Module.course_id == course.id)
    lessons = _by_slug(Lesson, Lesson.course_id == course.id)
    for module_data in data.modules:
        module = modules.pop(module_data.slug, None) or Module(course_id=course.id)
        changes.note(
            "modules",
            module,
            dict(
                slug=module_data.slug,
                position=module_data.position,
                title=module_data.title,
                summary=module_data.summary,
                retired=False,
            ),
        )
        db.session.add(module)
        db.session.flush()
        for lesson_data in module_data.lessons:
            lesson = lessons.pop(lesson_data.slug, None) or Lesson(course_id=course.id)
            changes.note(
                "lessons",
                lesson,
                dict(
                    slug=lesson_data.slug,
                    module_id=module.id,
                    position=lesson_data.position,
                    title=lesson_data.title,
                    minutes=lesson_data.minutes,
                    body_md=lesson_data.body_md,
                    body_html=render_markdown(lesson_data.body_md),
                    resource_slugs=lesson_data.resources,
                    retired=False,
                ),
            )
            db.session.add(lesson)
        _import_quiz(module, module_data, changes)
    for row in [*modules.values(), *lessons.values()]:
        if not row.retired:
            row.retired = True
            changes[f"{row.__tablename__}s retired"] += 1
    db.session.flush()
    return course, changes


def _import_quiz(module: Module, data, changes: Changes) -> None:
    quiz = db.session.scalar(select(Quiz).where(Quiz.module_id == module.id))
    if not data.questions and quiz is None:
        return
    quiz = quiz or Quiz(module_id=module.id)
    changes.note("quizzes", quiz, dict(title=data.quiz_title or "Check what you learned"))
    db.session.add(quiz)
    db.session.flush()
    existing = {
        q.key: q for q in db.session.scalars(select(Question).where(Question.quiz_id == quiz.id))
    }
    for position, q in enumerate(data.questions, start=1):
        question = existing.pop(q.key, None) or Question(quiz_id=quiz.id)
        changes.note(
            "questions",
            question,
            dict(
                key=q.key,
                position=position,
                prompt=q.prompt,
                choices=q.choices,
                explanation=q.explanation,
                retired=False,
            ),
        )
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
    _sync_by_slug(
        Resource,
        course,
        data.resources,
        changes,
        "handouts",
        lambda r: dict(
            slug=r.slug,
            position=r.position,
            title=r.title,
            summary=r.summary,
            body_md=r.body_md,
            body_html=render_markdown(r.body_md),
        ),
    )


def _import_glossary(course: Course, data: CourseData, changes: Changes) -> None:
    _sync_by_slug(
        GlossaryTerm,
        course,
        data.glossary,
        changes,
        "glossary terms",
        lambda t: dict(
            slug=t.slug,
            term=t.term,
            definition_md=t.definition_md,
            definition_html=render_markdown(t.definition_md),
        ),
    )
