"""Manage course: the overview, the course's own fields, modules, publish and discard."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lms.authoring import publishing, revisions, services
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import DraftBusy, find_module, working_copy
from lms.authoring.edits import course_content
from lms.authoring.forms import ConfirmForm, CourseForm, ModuleForm, PublishForm
from lms.authoring.revisions import EditConflict
from lms.content.mapping import published_course
from lms.content.schema import course_to_dict
from lms.content.translations import translated_items
from lms.refusal import said

BUSY = _l("Others were saving changes at the same moment. Nothing was saved; please try again.")


def manage_url(anchor: str = "") -> str:
    return url_for("authoring.manage") + (f"#{anchor}" if anchor else "")


@bp.get("/")
def manage():
    course = managed_course()
    data, draft = working_copy(course)
    unpublished = (draft is not None
                   and course_to_dict(data) != course_to_dict(published_course(course)))
    spanish = {(item.kind, item.slug): item.state("es") for item in translated_items(data)}
    return render_template("authoring/manage.html", course=course, data=data, draft=draft,
                           unpublished=unpublished, spanish=spanish, confirm_form=ConfirmForm(),
                           needs_updating=[item for item in translated_items(data)
                                           if spanish[(item.kind, item.slug)] == "outdated"],
                           retired=services.retired_lessons(course, data),
                           editions=publishing.editions(course))


@bp.route("/course", methods=["GET", "POST"])
def edit_course():
    course = managed_course()
    data, _ = working_copy(course)
    form = CourseForm(data=course_content(data))
    if request.method == "GET":
        form.revision.data = revisions.latest_number(course.id, "course", course.slug)
    status = 200
    if form.validate_on_submit():
        content = {"title": form.title.data, "summary": form.summary.data,
                   "pass_mark": form.pass_mark.data}
        try:
            services.save_course_fields(course, current_user.id, content,
                                        int(form.revision.data), form.note.data or "")
            flash(gettext("The course details are saved in the draft."), "success")
            return redirect(manage_url())
        except EditConflict as conflict:
            form.revision.errors = [_conflict_message(conflict)]
            status = 409
        except DraftBusy:
            flash(str(BUSY), "error")
            status = 409
    elif form.errors:
        status = 400
    return render_template("authoring/course_form.html", form=form, course=course), status


def _conflict_message(conflict: EditConflict) -> str:
    return gettext("Someone else saved a newer version (revision %(number)s) while you were "
             "editing. Your text is kept below and nothing was overwritten. Look at their change "
             "in the history, then save again to replace it.", number=conflict.current)


@bp.route("/modules/new", methods=["GET", "POST"])
def new_module():
    course = managed_course()
    form = ModuleForm()
    if form.validate_on_submit():
        try:
            slug = services.add_module(course, current_user.id, form.title.data,
                                       form.summary.data or "")
        except (services.AuthoringError, DraftBusy) as error:
            flash(said(error) or str(BUSY), "error")
            return render_template("authoring/module_form.html", form=form, module=None), 400
        flash(gettext("Module “%(title)s” is added to the draft.", title=form.title.data),
              "success")
        return redirect(manage_url(f"module-{slug}"))
    return render_template("authoring/module_form.html", form=form, module=None), (
        400 if form.errors else 200)


@bp.route("/modules/<slug>/edit", methods=["GET", "POST"])
def edit_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ModuleForm(data={"title": module.title, "summary": module.summary})
    if form.validate_on_submit():
        try:
            services.edit_module(course, current_user.id, slug, form.title.data,
                                 form.summary.data or "")
        except DraftBusy:
            flash(str(BUSY), "error")
            return render_template("authoring/module_form.html", form=form, module=module), 409
        flash(gettext("Module “%(title)s” is saved in the draft.", title=form.title.data),
              "success")
        return redirect(manage_url(f"module-{slug}"))
    return render_template("authoring/module_form.html", form=form, module=module), (
        400 if form.errors else 200)


def _delta() -> int:
    return -1 if request.form.get("direction") == "up" else 1


@bp.post("/modules/<slug>/move")
def move_module(slug: str):
    course = managed_course()
    try:
        if not services.move_module(course, current_user.id, slug, _delta()):
            flash(gettext("That module is already at that end of the course."), "info")
    except DraftBusy:
        flash(str(BUSY), "error")
    return redirect(manage_url(f"module-{slug}"))


@bp.route("/modules/<slug>/retire", methods=["GET", "POST"])
def retire_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.retire_module(course, current_user.id, slug)
        except services.AuthoringError as error:
            flash(said(error), "error")
            return redirect(manage_url(f"module-{slug}"))
        except DraftBusy:
            flash(str(BUSY), "error")
            return redirect(manage_url(f"module-{slug}"))
        flash(gettext("Module “%(title)s” is retired in the draft. Publish to hide it from "
                "learners; their progress is kept.", title=module.title), "success")
        return redirect(manage_url())
    return render_template("authoring/confirm_retire.html", form=form, what="module",
                           title=module.title, lessons=module.lessons)


@bp.route("/publish", methods=["GET", "POST"])
def publish():
    course = managed_course()
    data, draft = working_copy(course)
    form = PublishForm()
    if draft is None:
        flash(gettext("There are no unpublished changes."), "info")
        return redirect(manage_url())
    status = 200
    if form.validate_on_submit():
        try:
            changes = publishing.publish_draft(
                course, current_user.id, int(form.version.data),
                form.edition.data if form.new_edition.data else None,
                form.edition_note.data or "")
            flash(gettext("Published: %(changes)s. Learners now see this version.",
                    changes=changes.said()), "success")
            return redirect(manage_url())
        except publishing.PublishRefused as refused:
            flash(said(refused), "error")
            status = 409 if "changed while" in str(refused) else 400
            draft = working_copy(course)[1]
    if request.method == "GET":
        form.edition.data = publishing.suggest_edition(course.edition)
    form.version.data = draft.version if draft else None
    try:
        changes = publishing.dry_run(data)
    except publishing.PublishRefused as refused:
        flash(said(refused), "error")
        changes, status = None, 409
    return render_template("authoring/publish.html", form=form, course=managed_course(),
                           changes=changes), status


@bp.route("/discard", methods=["GET", "POST"])
def discard():
    course = managed_course()
    form = ConfirmForm()
    if form.validate_on_submit():
        if publishing.discard_draft(course):
            flash(gettext("The draft is discarded. Manage course now shows the published course; "
                    "the revision history is kept."), "success")
        return redirect(manage_url())
    return render_template("authoring/confirm_discard.html", form=form, course=course)
