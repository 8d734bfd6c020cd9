"""Preview of the draft, page by page, through the learner templates (/manage/preview/...)."""
from flask import abort
from flask_babel import gettext

from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import working_copy
from lms.authoring.preview import preview_snapshot, render_preview
from lms.learn.pages import home_page, lesson_page, module_page, quiz_page


def _snapshot():
    course = managed_course()
    return preview_snapshot(course, working_copy(course)[0])


@bp.get("/preview/")
def preview_home():
    return render_preview("learn/home.html", **home_page(_snapshot(), None))


@bp.get("/preview/modules/<slug>")
def preview_module(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    return render_preview("learn/module.html", **module_page(snapshot, module, None))


@bp.get("/preview/lessons/<slug>")
def preview_lesson(slug: str):
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    return render_preview("learn/lesson.html", **lesson_page(snapshot, lesson, None))


@bp.get("/preview/modules/<slug>/quiz")
def preview_quiz(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug)
    if module is None or not module.has_quiz:
        return render_preview("errors/error.html", code=404,
                              message=gettext("This module has no quiz in the draft.")), 404
    return render_preview("learn/quiz.html", attempts=[], **quiz_page(snapshot, module, None))
