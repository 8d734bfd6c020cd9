"""Manage course: the overview, the course's own fields, publish and discard."""
from flask import flash, redirect, render_template, request
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import history, lessons, publishing
from lms.authoring.blueprint import (
    BUSY,
    bp,
    conflict_message,
    manage_url,
    managed_course,
)
from lms.authoring.course import save_course_fields
from lms.authoring.draft import DraftBusy, has_unpublished_changes, working_copy
from lms.authoring.forms import ConfirmForm, CourseForm, PublishForm
from lms.authoring.history import EditConflict
from lms.content.translations import translated_items
from lms.refusal import said


@bp.get("/")
def manage():
    course = managed_course()
    data, draft = working_copy(course)
    spanish = {(item.kind, item.slug): item.state("es") for item in translated_items(data)}
    return render_template("authoring/manage.html", course=course, data=data, draft=draft,
                           unpublished=has_unpublished_changes(course, data, draft),
                           spanish=spanish, confirm_form=ConfirmForm(),
                           needs_updating=[item for item in translated_items(data)
                                           if spanish[(item.kind, item.slug)] == "outdated"],
                           retired=lessons.retired_lessons(course, data),
                           editions=publishing.editions(course))


@bp.route("/course", methods=["GET", "POST"])
def edit_course():
    course = managed_course()
    data, _ = working_copy(course)
    form = CourseForm(data=history.course_content(data))
    if request.method == "GET":
        form.revision.data = history.latest_number(course.id, "course", course.slug)
    status = 200
    if form.validate_on_submit():
        content = {"title": form.title.data, "summary": form.summary.data,
                   "pass_mark": form.pass_mark.data}
        try:
            save_course_fields(course, current_user.id, content, int(form.revision.data),
                               form.note.data or "")
            flash(gettext("The course details are saved in the draft."), "success")
            return redirect(manage_url())
        except EditConflict as conflict:
            form.revision.errors = [conflict_message(conflict)]
            status = 409
        except DraftBusy:
            flash(str(BUSY), "error")
            status = 409
    elif form.errors:
        status = 400
    return render_template("authoring/course_form.html", form=form, course=course), status


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
                    changes=changes.summary()), "success")
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
