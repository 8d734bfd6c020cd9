"""The draft as learners would see it: transient course objects rendered by the learner templates.

The objects are built from the draft's data and never added to the session, so nothing of the
preview can be saved or reach a learner.
"""
from flask import g, render_template

from lms.content.schema import CourseData
from lms.courses.markdown import render_markdown
from lms.courses.models import Course, Lesson, Module, Question, Quiz
from lms.courses.services import Outline

# Learner pages and the preview pages that stand in for them.
PREVIEW_ENDPOINTS = {
    "courses.home": "authoring.preview_home",
    "courses.module": "authoring.preview_module",
    "courses.lesson": "authoring.preview_lesson",
    "progress.quiz": "authoring.preview_quiz",
}


def preview_outline(course: Course, data: CourseData) -> Outline:
    """An Outline of unsaved objects, in the shape load_outline() returns for the live course."""
    preview = Course(
        id=course.id, slug=data.slug, title=data.title, summary=data.summary,
        language=data.language, edition=data.edition, pass_mark=data.pass_mark,
        organisation=data.organisation, intro_title=data.intro_title, intro_md=data.intro_md,
        intro_html=render_markdown(data.intro_md), urgent_lesson_slug=data.urgent_lesson)
    modules = []
    for m in data.modules:
        module = Module(slug=m.slug, position=m.position, title=m.title, summary=m.summary,
                        retired=False)
        module.lessons = [
            Lesson(course_id=course.id, slug=lesson.slug, position=lesson.position,
                   title=lesson.title, minutes=lesson.minutes, body_md=lesson.body_md,
                   body_html=render_markdown(lesson.body_md),
                   resource_slugs=list(lesson.resources), retired=False)
            for lesson in m.lessons]
        if m.questions:
            module.quiz = Quiz(title=m.quiz_title, questions=[
                Question(key=q.key, position=i, prompt=q.prompt, choices=q.choices,
                         explanation=q.explanation, retired=False)
                for i, q in enumerate(m.questions, start=1)])
        modules.append(module)
    return Outline(preview, modules)


def render_preview(template: str, **context) -> str:
    """Render a learner template for the draft: links stay in the preview; a banner shows."""
    g.course_endpoints = PREVIEW_ENDPOINTS
    return render_template(template, preview=True, progress=None, **context)
