"""Spanish in the draft: a lesson's Spanish editor, and "still right" for an out-of-date
translation (the Manage page lists what needs updating)."""
from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import translating
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import DraftBusy, find_lesson, working_copy
from lms.authoring.forms import ConfirmForm, SpanishLessonForm
from lms.authoring.routes_course import BUSY, manage_url
from lms.content.translations import lesson_sha
from lms.courses.markdown import render_markdown

ANCHORS = {"lesson": "lesson-", "module": "module-", "quiz": "module-", "handout": "handout-"}


def _render(form, module, lesson, status=200, preview_html=None):
    spanish = lesson.translations.get(translating.LANGUAGE)
    outdated = bool(spanish) and spanish.get("source_sha256") != lesson_sha(lesson)
    return render_template("authoring/lesson_es_form.html", form=form, module=module,
                           lesson=lesson, outdated=outdated, preview_html=preview_html), status


@bp.route("/lessons/<slug>/es", methods=["GET", "POST"])
def edit_lesson_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module, lesson = find_lesson(data, slug)
    spanish = lesson.translations.get(translating.LANGUAGE) or {}
    form = SpanishLessonForm(data=spanish if request.method == "GET" else None)
    if not form.validate_on_submit():
        return _render(form, module, lesson, 400 if form.errors else 200)
    if request.form.get("action") == "preview":
        return _render(form, module, lesson, preview_html=render_markdown(form.body_md.data))
    try:
        saved = translating.save_lesson_translation(course, current_user.id, slug,
                                                    form.title.data, form.body_md.data)
    except DraftBusy:
        flash(BUSY, "error")
        return _render(form, module, lesson, 409)
    if saved:
        flash(_("The Spanish text of “%(title)s” is saved in the draft.", title=lesson.title),
              "success")
    else:
        flash(_("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(f"lesson-{slug}"))


@bp.post("/translations/<kind>/<slug>/confirm")
def confirm_translation(kind: str, slug: str):
    """The trainer checked the Spanish against the changed English: it is still right."""
    if kind not in ("course", "introduction", "module", "quiz", "lesson", "handout", "term"):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    course = managed_course()
    try:
        label = translating.confirm_translation(course, current_user.id, kind, slug)
    except translating.NothingToConfirm:
        flash(_("That Spanish text does not need updating."), "info")
        return redirect(manage_url("translations")), 303
    except DraftBusy:
        flash(BUSY, "error")
        return redirect(manage_url("translations")), 303
    flash(_("The Spanish text of “%(title)s” is marked as still right, in the draft.",
            title=label), "success")
    return redirect(manage_url("translations")), 303
