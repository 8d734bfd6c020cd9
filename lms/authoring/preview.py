"""The draft as learners would see it: a snapshot of the draft, rendered by the learner pages.

The snapshot is built from the draft's data for this request only and never stored, so nothing
of the preview reaches a learner or the published snapshot.
"""
from flask import g, render_template

from lms.catalogue.snapshot import Snapshot
from lms.content.mapping import rendered
from lms.content.schema import CourseData
from lms.content.translations import localized
from lms.courses.models import Course
from lms.i18n import DEFAULT_LANGUAGE, current_language

PREVIEW = -1  # the version a preview snapshot carries: never a published one

# While previewing, links between learner pages lead to their preview pages.
PREVIEW_ENDPOINTS = {
    "learn.home": "authoring.preview_home",
    "learn.module": "authoring.preview_module",
    "learn.lesson": "authoring.preview_lesson",
    "learn.quiz": "authoring.preview_quiz",
}


def preview_snapshot(course: Course, data: CourseData, language: str | None = None) -> Snapshot:
    """The draft in the page's language (issue 23): the Spanish reads the draft's Spanish text,
    with the English where there is none, as a Spanish learner would after publishing."""
    data.id = course.id
    language = language or current_language()
    data = rendered(data)
    if language != DEFAULT_LANGUAGE:
        data = localized(data, language)
    return Snapshot(data, PREVIEW, language)


def render_preview(template: str, **context) -> str:
    """Render a learner template for the draft: links stay in the preview; a banner shows."""
    g.course_endpoints = PREVIEW_ENDPOINTS
    g.snapshot = context.get("snapshot")  # learner links name the previewed course
    return render_template(template, preview=True, **context)
