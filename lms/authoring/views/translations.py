"""The Spanish editors (issue 15) of a lesson, a module, a handout, a quiz and the glossary, and
"still right" for an out-of-date translation (the Manage page lists what needs updating). An
edit changes the draft; learners see it at publish."""
from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import translation_forms, translations
from lms.authoring.blueprint import (
    back_when_refused,
    bp,
    manage_url,
    managed_course,
    when_refused,
)
from lms.authoring.draft import find_handout, find_lesson, find_module, working_copy
from lms.authoring.forms import ConfirmForm
from lms.content.translations import OUTDATED, UNTRANSLATED, lesson_sha
from lms.courses.markdown import render_markdown


def _render_lesson(form, module, lesson, status=200, preview_html=None):
    spanish = lesson.translations.get(translations.LANGUAGE)
    outdated = bool(spanish) and spanish.get("source_sha256") != lesson_sha(lesson)
    return render_template("authoring/lesson_es_form.html", form=form, module=module,
                           lesson=lesson, outdated=outdated, preview_html=preview_html), status


def _spanish(owner, attribute="translations") -> dict:
    """The saved Spanish, to fill the form on GET only (a field left out of a POST is empty)."""
    return (getattr(owner, attribute).get(translations.LANGUAGE) or {}) \
        if request.method == "GET" else {}


def _state(data, kind: str, slug: str) -> str:
    item = translations.find_item(data, kind, slug)
    return item.state(translations.LANGUAGE) if item else UNTRANSLATED


def _edit(form, sections, *, title, english_url, anchor, state, save, preview=None):
    """Show the form, or save it through save() and go back to the Manage page. preview, when
    given, is the form's Markdown field: "Preview the text" renders it without saving."""
    page = {"form": form, "sections": sections, "title": title, "english_url": english_url,
            "outdated": state == OUTDATED, "can_preview": preview is not None}
    if not form.validate_on_submit():
        return render_template("authoring/spanish_form.html", **page), (
            400 if form.errors else 200)
    if preview is not None and request.form.get("action") == "preview":
        return render_template("authoring/spanish_form.html", **page,
                               preview_html=render_markdown(preview.data))
    when_refused(lambda status: (render_template("authoring/spanish_form.html", **page), status))
    saved = save()
    if saved:
        flash(_("The Spanish text of “%(title)s” is saved in the draft.", title=title), "success")
    else:
        flash(_("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(anchor))


@bp.route("/lessons/<slug>/es", methods=["GET", "POST"])
def edit_lesson_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module, lesson = find_lesson(data, slug)
    spanish = lesson.translations.get(translations.LANGUAGE) or {}
    form = translation_forms.SpanishLessonForm(data=spanish if request.method == "GET" else None)
    if not form.validate_on_submit():
        return _render_lesson(form, module, lesson, 400 if form.errors else 200)
    if request.form.get("action") == "preview":
        return _render_lesson(form, module, lesson,
                              preview_html=render_markdown(form.body_md.data))
    when_refused(lambda status: _render_lesson(form, module, lesson, status))
    saved = translations.save_lesson_translation(course, current_user.id, slug,
                                                 form.title.data, form.body_md.data)
    if saved:
        flash(_("The Spanish text of “%(title)s” is saved in the draft.", title=lesson.title),
              "success")
    else:
        flash(_("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(f"lesson-{slug}"))


@bp.route("/modules/<slug>/es", methods=["GET", "POST"])
def edit_module_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module = find_module(data, slug)
    form, sections = translation_forms.module_form(module, _spanish(module))
    return _edit(form, sections, title=module.title,
                 english_url=("authoring.edit_module", {"slug": slug}),
                 anchor=f"module-{slug}", state=_state(data, "module", slug),
                 save=lambda: translations.save_translation(
                     course, current_user.id, "module", slug,
                     translation_forms.module_text(form)))


@bp.route("/handouts/<slug>/es", methods=["GET", "POST"])
def edit_handout_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    handout = find_handout(data, slug)
    form, sections = translation_forms.handout_form(handout, _spanish(handout))
    return _edit(form, sections, title=handout.title,
                 english_url=("authoring.edit_handout", {"slug": slug}),
                 anchor=f"handout-{slug}", state=_state(data, "handout", slug),
                 preview=form.body_md,
                 save=lambda: translations.save_translation(
                     course, current_user.id, "handout", slug,
                     translation_forms.handout_text(form)))


@bp.route("/modules/<slug>/quiz/es", methods=["GET", "POST"])
def edit_quiz_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module = find_module(data, slug)
    if not module.questions:
        abort(404)  # no English quiz yet: nothing to translate
    form, sections = translation_forms.quiz_form(module, _spanish(module, "quiz_translations"))
    return _edit(form, sections, title=_("Quiz: %(title)s", title=module.title),
                 english_url=("authoring.edit_quiz", {"slug": slug}),
                 anchor=f"module-{slug}", state=_state(data, "quiz", slug),
                 save=lambda: translations.save_translation(
                     course, current_user.id, "quiz", slug,
                     translation_forms.quiz_text(form, module)))


@bp.route("/glossary/es", methods=["GET", "POST"])
def edit_glossary_spanish():
    course = managed_course()
    data, _draft = working_copy(course)
    if not data.glossary:
        abort(404)
    form, sections = translation_forms.glossary_form(data.glossary, request.method == "GET")
    states = {translations.find_item(data, "term", t.slug).state(translations.LANGUAGE)
              for t in data.glossary}
    return _edit(form, sections, title=_("Glossary"), english_url=None, anchor="glossary",
                 state=OUTDATED if OUTDATED in states else "",
                 save=lambda: translations.save_glossary_translation(
                     course, current_user.id,
                     translation_forms.glossary_texts(form, data.glossary)))


@bp.post("/translations/<kind>/<slug>/confirm")
def confirm_translation(kind: str, slug: str):
    """The trainer checked the Spanish against the changed English: it is still right."""
    if kind not in ("course", "introduction", "module", "quiz", "lesson", "handout", "term"):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back_when_refused(manage_url("translations"), 303)
    label = translations.confirm_translation(managed_course(), current_user.id, kind, slug)
    if label is None:
        flash(_("That Spanish text does not need updating."), "info")
    else:
        flash(_("The Spanish text of “%(title)s” is marked as still right, in the draft.",
                title=label), "success")
    return redirect(manage_url("translations")), 303
