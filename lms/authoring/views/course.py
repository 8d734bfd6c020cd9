"""Manage course: the overview, the course's own fields, publish and discard."""
from datetime import date

from flask import flash, redirect, render_template, request
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import history, lessons, publishing, reviews
from lms.authoring.blueprint import (
    bp,
    conflict_message,
    manage_url,
    managed_course,
    when_refused,
)
from lms.authoring.course import save_course_fields
from lms.authoring.draft import get_draft, has_unpublished_changes, working_copy
from lms.authoring.forms import ConfirmForm, CourseForm, PublishForm
from lms.authoring.history import EditConflict
from lms.authoring.views.changes import (
    CHANGE_NAMES,
    KIND_NAMES,
    draft_changes,
    published_message,
)
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
                           review_due={lesson.slug for module in data.modules
                                       for lesson in module.lessons
                                       if reviews.review_due("lesson", lesson, date.today())},
                           editions=publishing.editions(course))


@bp.route("/course", methods=["GET", "POST"])
def edit_course():
    course = managed_course()
    data, _ = working_copy(course)
    form = CourseForm(data=history.course_content(data))
    if request.method == "GET":
        form.revision.data = history.latest_number(course.id, "course", course.slug)
    if not form.validate_on_submit():
        return _course_page(form, 400 if form.errors else 200)
    content = {"title": form.title.data, "summary": form.summary.data,
               "pass_mark": form.pass_mark.data}
    when_refused(lambda status: _course_page(form, status))
    try:
        save_course_fields(course, current_user.id, content, int(form.revision.data),
                           form.note.data or "")
    except EditConflict as conflict:
        form.revision.errors = [conflict_message(conflict)]
        return _course_page(form, 409)
    flash(gettext("The course details are saved in the draft."), "success")
    return redirect(manage_url())


def _course_page(form: CourseForm, status: int):
    course = managed_course()
    return render_template("authoring/course_form.html", form=form, course=course,
                           has_introduction=bool(working_copy(course)[0].intro_md)), status


@bp.route("/publish", methods=["GET", "POST"])
def publish():
    course = managed_course()
    data, draft = working_copy(course)
    form = PublishForm()
    if draft is None:
        flash(gettext("There are no unpublished changes."), "info")
        return redirect(manage_url())
    if form.validate_on_submit():
        # Refused: the summary again, with the draft's version now (it may have changed).
        when_refused(lambda status: _publish_page(form, data, get_draft(course.id), status))
        changes = publishing.publish_draft(
            course, current_user.id, int(form.version.data),
            form.edition.data if form.new_edition.data else None,
            form.edition_note.data or "")
        flash(published_message(gettext("Published: %(changes)s. Learners now see this version.",
                                        changes=changes.said()), course), "success")
        return redirect(manage_url())
    if request.method == "GET":
        form.edition.data = publishing.suggest_edition(course.edition)
    return _publish_page(form, data, draft)


def _publish_page(form: PublishForm, data, draft, status: int = 200):
    """What publishing would change, for the trainer to review; the page is shown, without
    the summary, even when the draft cannot be published as it is."""
    form.version.data = draft.version if draft else None
    items = draft_changes(managed_course(), data)  # before the dry run, which may change data
    try:
        changes = publishing.dry_run(data)
    except publishing.PublishRefused as refused:
        flash(said(refused), "error")
        changes, status = None, 409
    return render_template("authoring/publish.html", form=form, course=managed_course(),
                           changes=changes, items=items, kind_names=KIND_NAMES,
                           change_names=CHANGE_NAMES), status


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
