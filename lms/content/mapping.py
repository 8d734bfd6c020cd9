"""Course content between its plain types (content/schema.py) and the database rows.

The one place where a content field meets a column: the importer writes rows with the *_values
functions, and published_course() reads them back for export, drafts and the learner snapshot.
"""
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.content.schema import (
    CourseData,
    LessonData,
    ModuleData,
    QuestionData,
    ResourceData,
    TermData,
)
from lms.content.translations import translated_items
from lms.courses.markdown import render_markdown
from lms.courses.models import (
    Course,
    GlossaryTerm,
    Lesson,
    Module,
    Quiz,
    Resource,
    Translation,
)
from lms.extensions import db

DEFAULT_QUIZ_TITLE = "Check what you learned"


def course_values(data: CourseData) -> dict:
    return dict(slug=data.slug, title=data.title, summary=data.summary, language=data.language,
                edition=data.edition, pass_mark=data.pass_mark, organisation=data.organisation,
                urgent_lesson_slug=data.urgent_lesson, intro_title=data.intro_title,
                audience=data.audience,
                intro_md=data.intro_md, intro_html=render_markdown(data.intro_md))


def module_values(data: ModuleData) -> dict:
    return dict(slug=data.slug, position=data.position, title=data.title, summary=data.summary,
                retired=False)


def review_values(data: LessonData | ResourceData) -> dict:
    """The review dates, named alike on both types and on both rows."""
    return dict(reviewed=data.reviewed, check_again_by=data.check_again_by,
                check_again_for=data.check_again_for or "")


def lesson_values(data: LessonData, module_id: int) -> dict:
    return dict(slug=data.slug, module_id=module_id, position=data.position, title=data.title,
                minutes=data.minutes, body_md=data.body_md,
                body_html=render_markdown(data.body_md), resource_slugs=data.resources,
                before_meeting=data.before_meeting, retired=False, **review_values(data))


def quiz_values(data: ModuleData) -> dict:
    return dict(title=data.quiz_title or DEFAULT_QUIZ_TITLE, ask=data.quiz_ask)


def question_values(data: QuestionData, position: int) -> dict:
    return dict(key=data.key, position=position, prompt=data.prompt, choices=data.choices,
                explanation=data.explanation, lesson_slug=data.lesson, retired=False)


def resource_values(data: ResourceData) -> dict:
    return dict(slug=data.slug, position=data.position, title=data.title, summary=data.summary,
                body_md=data.body_md, body_html=render_markdown(data.body_md),
                before_meeting=data.before_meeting, **review_values(data))


def term_values(data: TermData) -> dict:
    return dict(slug=data.slug, term=data.term, definition_md=data.definition_md,
                definition_html=render_markdown(data.definition_md))


def translation_values(data: CourseData) -> dict[tuple[str, str, str], dict]:
    """The Translation rows the course data asks for, by (kind, slug, language): each its
    fields, its source_sha256 (None when the file had none) and the item's English hash."""
    rows = {}
    for item in translated_items(data):
        for language, text in getattr(item.owner, item.attribute).items():
            fields = {k: v for k, v in text.items() if k != "source_sha256"}
            rows[(item.kind, item.slug, language)] = dict(
                fields=fields, source_sha256=text.get("source_sha256"),
                english_sha=item.english_sha)
    return rows


def _attach_translations(data: CourseData, course_id: int) -> None:
    rows = {}
    for row in db.session.scalars(select(Translation).where(Translation.course_id == course_id)):
        rows.setdefault((row.kind, row.slug), []).append(row)
    for item in translated_items(data):
        for row in rows.get((item.kind, item.slug), []):
            getattr(item.owner, item.attribute)[row.language] = {
                **row.fields, "source_sha256": row.source_sha256}


def published_course(course: Course) -> CourseData:
    """The published (non-retired) course as data, ids and stored HTML included, in a fixed
    number of queries: what export writes, what drafts start from, what learners read."""
    data = CourseData(
        slug=course.slug, title=course.title, summary=course.summary, language=course.language,
        edition=course.edition, pass_mark=course.pass_mark, organisation=course.organisation,
        urgent_lesson=course.urgent_lesson_slug or "", intro_title=course.intro_title,
        intro_md=course.intro_md, id=course.id, intro_html=course.intro_html,
        audience=course.audience)
    data.resources = [
        ResourceData(slug=r.slug, position=r.position, title=r.title, summary=r.summary,
                     body_md=r.body_md, body_html=r.body_html, before_meeting=r.before_meeting,
                     **review_values(r))
        for r in db.session.scalars(select(Resource).where(Resource.course_id == course.id)
                                    .order_by(Resource.position))]
    data.glossary = [
        TermData(slug=t.slug, term=t.term, definition_md=t.definition_md,
                 definition_html=t.definition_html)
        for t in db.session.scalars(select(GlossaryTerm).where(GlossaryTerm.course_id == course.id)
                                    .order_by(GlossaryTerm.id))]
    modules = db.session.scalars(
        select(Module)
        .where(Module.course_id == course.id, Module.retired.is_(False))
        .order_by(Module.position)
        .options(selectinload(Module.lessons),
                 selectinload(Module.quiz).selectinload(Quiz.questions)))
    data.modules = [_module_data(module) for module in modules]
    _attach_translations(data, course.id)
    return data


def _module_data(module: Module) -> ModuleData:
    data = ModuleData(slug=module.slug, position=module.position, title=module.title,
                      summary=module.summary, id=module.id)
    data.lessons = [lesson_data(lesson) for lesson in module.lessons if not lesson.retired]
    questions = [q for q in module.quiz.questions if not q.retired] if module.quiz else []
    if questions:
        data.quiz_title, data.quiz_id = module.quiz.title, module.quiz.id
        data.quiz_ask = module.quiz.ask
        data.questions = [
            QuestionData(key=q.key, prompt=q.prompt, explanation=q.explanation,
                         lesson=q.lesson_slug or "",
                         choices=[{"text": c["text"], "correct": bool(c.get("correct"))}
                                  for c in q.choices])
            for q in questions]
    return data


def lesson_data(lesson: Lesson) -> LessonData:
    """A published lesson row as data (its stored HTML included)."""
    return LessonData(slug=lesson.slug, position=lesson.position, title=lesson.title,
                      minutes=lesson.minutes, body_md=lesson.body_md,
                      resources=list(lesson.resource_slugs or []), path=Path(f"{lesson.slug}.md"),
                      before_meeting=lesson.before_meeting, id=lesson.id,
                      body_html=lesson.body_html, **review_values(lesson))


def rendered(data: CourseData) -> CourseData:
    """Fill the HTML of unsaved course data (a draft being previewed) from its Markdown."""
    data.intro_html = render_markdown(data.intro_md)
    for module in data.modules:
        for lesson in module.lessons:
            lesson.body_html = render_markdown(lesson.body_md)
    for resource in data.resources:
        resource.body_html = render_markdown(resource.body_md)
    for term in data.glossary:
        term.definition_html = render_markdown(term.definition_md)
    return data
