"""The Spanish editors of a module, a handout, a quiz and the glossary (issue 15), beside the
lesson's (routes_translations.py): an edit changes the draft; learners see it at publish."""
from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import spanish_forms, translating
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import DraftBusy, find_module, working_copy
from lms.authoring.routes_course import BUSY, manage_url
from lms.content.translations import OUTDATED, UNTRANSLATED
from lms.courses.markdown import render_markdown


def _spanish(owner, attribute="translations") -> dict:
    """The saved Spanish, to fill the form on GET only (a field left out of a POST is empty)."""
    return (getattr(owner, attribute).get(translating.LANGUAGE) or {}) \
        if request.method == "GET" else {}


def _state(data, kind: str, slug: str) -> str:
    item = translating.find_item(data, kind, slug)
    return item.state(translating.LANGUAGE) if item else UNTRANSLATED


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
    try:
        saved = save()
    except DraftBusy:
        flash(BUSY, "error")
        return render_template("authoring/spanish_form.html", **page), 409
    if saved:
        flash(_("The Spanish text of “%(title)s” is saved in the draft.", title=title), "success")
    else:
        flash(_("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(anchor))


@bp.route("/modules/<slug>/es", methods=["GET", "POST"])
def edit_module_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module = find_module(data, slug)
    form, sections = spanish_forms.module_form(module, _spanish(module))
    return _edit(form, sections, title=module.title,
                 english_url=("authoring.edit_module", {"slug": slug}),
                 anchor=f"module-{slug}", state=_state(data, "module", slug),
                 save=lambda: translating.save_translation(
                     course, current_user.id, "module", slug, spanish_forms.module_text(form)))


@bp.route("/handouts/<slug>/es", methods=["GET", "POST"])
def edit_handout_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    handout = next((r for r in data.resources if r.slug == slug), None) or abort(404)
    form, sections = spanish_forms.handout_form(handout, _spanish(handout))
    return _edit(form, sections, title=handout.title,
                 english_url=("authoring.edit_handout", {"slug": slug}),
                 anchor=f"handout-{slug}", state=_state(data, "handout", slug),
                 preview=form.body_md,
                 save=lambda: translating.save_translation(
                     course, current_user.id, "handout", slug, spanish_forms.handout_text(form)))


@bp.route("/modules/<slug>/quiz/es", methods=["GET", "POST"])
def edit_quiz_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module = find_module(data, slug)
    if not module.questions:
        abort(404)  # no English quiz yet: nothing to translate
    form, sections = spanish_forms.quiz_form(module, _spanish(module, "quiz_translations"))
    return _edit(form, sections, title=_("Quiz: %(title)s", title=module.title),
                 english_url=("authoring.edit_quiz", {"slug": slug}),
                 anchor=f"module-{slug}", state=_state(data, "quiz", slug),
                 save=lambda: translating.save_translation(
                     course, current_user.id, "quiz", slug,
                     spanish_forms.quiz_text(form, module)))


@bp.route("/glossary/es", methods=["GET", "POST"])
def edit_glossary_spanish():
    course = managed_course()
    data, _draft = working_copy(course)
    if not data.glossary:
        abort(404)
    form, sections = spanish_forms.glossary_form(data.glossary, request.method == "GET")
    states = {translating.find_item(data, "term", t.slug).state(translating.LANGUAGE)
              for t in data.glossary}
    return _edit(form, sections, title=_("Glossary"), english_url=None, anchor="glossary",
                 state=OUTDATED if OUTDATED in states else "",
                 save=lambda: translating.save_glossary_translation(
                     course, current_user.id, spanish_forms.glossary_texts(form, data.glossary)))
