"""The Spanish editors (issue 15) of a lesson, a module, a handout, a quiz, the glossary, the
course's description and its introduction, each with the English beside the Spanish and what
changed in the English since the Spanish was written (issue 23); and "still right" for an
out-of-date translation (the Manage page lists what needs updating). An edit changes the draft;
"still right" reaches learners at once when the English change is published."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import english_sources, translation_forms, translations
from lms.authoring.blueprint import (
    back_when_refused,
    bp,
    manage_url,
    managed_course,
    when_refused,
)
from lms.authoring.draft import find_handout, find_lesson, find_module, working_copy
from lms.authoring.forms import ConfirmForm
from lms.authoring.history import SPANISH_KINDS
from lms.content.translations import OUTDATED, UNTRANSLATED
from lms.courses.markdown import render_markdown

LANGUAGE = translations.LANGUAGE


def _spanish(owner, attribute="translations") -> dict:
    """The saved Spanish, to fill the form on GET only (a field left out of a POST is empty)."""
    return (getattr(owner, attribute).get(LANGUAGE) or {}) \
        if request.method == "GET" else {}


def _english(data, kind: str, slug: str) -> dict:
    """What the page shows of the item's English: whether the Spanish needs updating, what
    changed in the English since it was written, and where its Spanish history is."""
    item = translations.find_item(data, kind, slug)
    state = item.state(LANGUAGE) if item else UNTRANSLATED
    return {"outdated": state == OUTDATED,
            "english_change": english_sources.english_change(managed_course().id, item,
                                                             LANGUAGE) if item else None,
            "history_url": url_for("authoring.history", kind=SPANISH_KINDS[kind], slug=slug),
            "confirm_url": url_for("authoring.confirm_translation", kind=kind, slug=slug)}


def _edit(form, sections, *, title, english_url, anchor, english, save, markdown=(),
          template="authoring/spanish_form.html", **extra):
    """Show the form, or save it through save() and go back to the Manage page. markdown: the
    form's Markdown fields, each in the Markdown editor; "Preview the text" renders them without
    saving (the editor's script previews them live)."""
    page = {"form": form, "sections": sections, "title": title, "english_url": english_url,
            "markdown": [f.name for f in markdown], "previews": {}, **english, **extra}
    if not form.validate_on_submit():
        return render_template(template, **page), (400 if form.errors else 200)
    if markdown and request.form.get("action") == "preview":
        page["previews"] = {f.id: render_markdown(f.data or "") for f in markdown}
        return render_template(template, **page)
    when_refused(lambda status: (render_template(template, **page), status))
    if save():
        flash(_("The Spanish text of “%(title)s” is saved in the draft.", title=title), "success")
    else:
        flash(_("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(anchor))


@bp.route("/lessons/<slug>/es", methods=["GET", "POST"])
def edit_lesson_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module, lesson = find_lesson(data, slug)
    spanish = lesson.translations.get(LANGUAGE) or {}
    form = translation_forms.SpanishLessonForm(data=spanish if request.method == "GET" else None)
    sections = [(None, [(form.title, lesson.title), (form.body_md, lesson.body_md)])]
    return _edit(form, sections, title=lesson.title,
                 english_url=("authoring.edit_lesson", {"slug": slug}),
                 anchor=f"lesson-{slug}", english=_english(data, "lesson", slug),
                 markdown=[form.body_md], template="authoring/lesson_es_form.html",
                 module=module, lesson=lesson,
                 save=lambda: translations.save_lesson_translation(
                     course, current_user.id, slug, form.title.data, form.body_md.data))


@bp.route("/modules/<slug>/es", methods=["GET", "POST"])
def edit_module_spanish(slug: str):
    course = managed_course()
    data, _draft = working_copy(course)
    module = find_module(data, slug)
    form, sections = translation_forms.module_form(module, _spanish(module))
    return _edit(form, sections, title=module.title,
                 english_url=("authoring.edit_module", {"slug": slug}),
                 anchor=f"module-{slug}", english=_english(data, "module", slug),
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
                 anchor=f"handout-{slug}", english=_english(data, "handout", slug),
                 markdown=[form.body_md],
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
                 anchor=f"module-{slug}", english=_english(data, "quiz", slug),
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
    states = {translations.find_item(data, "term", t.slug).state(LANGUAGE)
              for t in data.glossary}
    return _edit(form, sections, title=_("Glossary"), english_url=None, anchor="glossary",
                 english={"outdated": OUTDATED in states},
                 markdown=translation_forms.glossary_definitions(form, data.glossary),
                 save=lambda: translations.save_glossary_translation(
                     course, current_user.id,
                     translation_forms.glossary_texts(form, data.glossary)))


@bp.route("/course/es", methods=["GET", "POST"])
def edit_course_spanish():
    """The course's title and summary in Spanish: what the catalogue and the home page say."""
    course = managed_course()
    data, _draft = working_copy(course)
    saved = data.translations.get(LANGUAGE) or {}
    form, sections = translation_forms.course_form(data, _spanish(data))
    return _edit(form, sections, title=data.title,
                 english_url=("authoring.edit_course", {}), anchor="course-heading",
                 english=_english(data, "course", data.slug),
                 save=lambda: translations.save_translation(
                     course, current_user.id, "course", data.slug,
                     translation_forms.course_text(form, saved)))


@bp.route("/introduction/es", methods=["GET", "POST"])
def edit_introduction_spanish():
    """The course's introduction in Spanish (its English comes from introduction.md)."""
    course = managed_course()
    data, _draft = working_copy(course)
    if not data.intro_md:
        abort(404)  # no English introduction: nothing to translate
    form, sections = translation_forms.introduction_form(data, _spanish(data,
                                                                        "intro_translations"))
    return _edit(form, sections, title=data.intro_title, english_url=None,
                 anchor="course-heading", english=_english(data, "introduction", data.slug),
                 markdown=[form.body_md],
                 save=lambda: translations.save_translation(
                     course, current_user.id, "introduction", data.slug,
                     translation_forms.introduction_text(form)))


@bp.post("/translations/<kind>/<slug>/confirm")
def confirm_translation(kind: str, slug: str):
    """The trainer checked the Spanish against the changed English: it is still right."""
    if kind not in SPANISH_KINDS:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back_when_refused(manage_url("translations"), 303)
    confirmed = translations.confirm_translation(managed_course(), current_user.id, kind, slug)
    if confirmed is None:
        flash(_("That Spanish text does not need updating."), "info")
    elif confirmed.live:
        flash(_("The Spanish text of “%(title)s” is marked as still right. Learners no longer "
                "see the note that the English is newer.", title=confirmed.label), "success")
    else:
        flash(_("The Spanish text of “%(title)s” is marked as still right, in the draft: "
                "learners see it when you publish the draft.", title=confirmed.label), "success")
    return redirect(manage_url("translations")), 303
