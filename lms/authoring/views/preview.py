"""Preview of the draft, page by page, through the learner templates (/manage/preview/...), and
the Markdown editor's live preview of text not saved yet."""
from flask import Response, abort, request
from flask_babel import format_number, gettext

from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import working_copy
from lms.authoring.preview import preview_snapshot, render_preview
from lms.content.schema import MAX_BODY
from lms.courses.markdown import render_markdown
from lms.learn.pages import home_page, lesson_page, module_page, quiz_page
from lms.progress import history


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
    return render_preview("learn/quiz.html", history=history.NONE,
                          **quiz_page(snapshot, module, None))


@bp.post("/preview-markdown")
def preview_markdown():
    """The editor's live preview (lms/static/editor.js): the posted text as the HTML fragment
    learners will get, rendered and sanitised as publishing does. CSRF-checked like every form."""
    text = request.form.get("text")
    if text is None:
        return _plain(gettext("There is no text to preview."), 400)
    if len(text) > MAX_BODY:
        return _plain(gettext("The text is too long to preview: at most %(limit)s characters.",
                              limit=format_number(MAX_BODY)), 413)
    response = Response(render_markdown(text), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _plain(message: str, status: int) -> Response:
    """A refusal the editor's script shows as it is, beside the preview."""
    return Response(message, status=status, mimetype="text/plain",
                    headers={"Cache-Control": "no-store"})
