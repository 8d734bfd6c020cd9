"""/manage: the courses a trainer runs, a new course; /manage/<course>/settings: an admin's
controls for one course (who finds it, its place in the catalogue, its staff)."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import select

from lms.auth.models import User
from lms.authoring import archive
from lms.authoring.blueprint import bp as course_bp
from lms.authoring.blueprint import staff_required
from lms.authoring.forms import ConfirmForm, ImportForm
from lms.authoring.publishing import PublishRefused
from lms.catalogue.listing import SlugRefused
from lms.course_admin import services
from lms.course_admin.forms import VISIBILITY_LABELS, NewCourseForm, StaffForm, VisibilityForm
from lms.courses import staff
from lms.courses.models import Visibility
from lms.extensions import db
from lms.refusal import said

bp = Blueprint("course_admin", __name__, url_prefix="/manage")


@bp.before_request
def trainers_only():
    g.course_slug = None
    if not current_user.is_authenticated or not current_user.is_trainer:
        return staff_required()  # the visitor's log-in page, or 403
    return None


@bp.get("/")
def index():
    return render_template("course_admin/index.html", courses=staff.managed_courses(current_user),
                           labels=VISIBILITY_LABELS, move=ConfirmForm())


@bp.route("/new", methods=["GET", "POST"])
def new_course():
    form = NewCourseForm()
    status = 200
    if form.validate_on_submit():
        try:
            course = services.create_course(current_user.id, form.slug.data, form.title.data,
                                              form.summary.data, form.audience.data or "")
        except SlugRefused as refused:
            form.slug.errors = [said(refused)]
            status = 400
        else:
            flash(gettext("“%(title)s” is created as a draft: learners do not see it yet. Add a "
                          "module and a lesson, then review and publish it.",
                          title=course.title), "success")
            return redirect(url_for("authoring.manage", course=course.slug))
    elif form.errors:
        status = 400
    return render_template("course_admin/new.html", form=form, zip_form=ImportForm(formdata=None),
                           problems=None), status


@bp.post("/new/from-zip")
def new_course_from_zip():
    """A course folder someone wrote or exported elsewhere, uploaded whole as a zip."""
    zip_form = ImportForm()
    problems = None
    if zip_form.validate_on_submit():
        try:
            data = archive.load_zip(zip_form.archive.data.read())
            course = services.create_course_from_folder(current_user.id, data)
        except archive.ArchiveRejected as rejected:
            problems = rejected.problems
        except SlugRefused as refused:
            problems = [said(refused)]
        else:
            flash(gettext("“%(title)s” is in, as a draft: learners do not see it yet. Preview "
                          "it, then publish it.", title=course.title), "success")
            return redirect(url_for("authoring.manage", course=course.slug))
    return render_template("course_admin/new.html", form=NewCourseForm(formdata=None),
                           zip_form=zip_form, problems=problems), 400


def _admin_only() -> None:
    if not current_user.is_admin:
        abort(403)


@course_bp.route("/settings", methods=["GET", "POST"])
def settings():
    _admin_only()
    course = g.course
    form = VisibilityForm(visibility=course.visibility.value)
    staff_form = StaffForm(formdata=None)
    if form.validate_on_submit():
        if services.set_visibility(course, current_user.id, Visibility(form.visibility.data)):
            flash(gettext("Saved: %(state)s.",
                          state=VISIBILITY_LABELS[course.visibility]), "success")
        return redirect(url_for("authoring.settings"))
    return _settings_page(form, staff_form, 400 if form.errors else 200)


def _settings_page(form, staff_form, status: int):
    people = db.session.scalars(select(User).where(User.id.in_(staff.staff_of(g.course.id)))
                                .order_by(User.name)).all()
    return render_template("course_admin/settings.html", course=g.course, form=form,
                           staff_form=staff_form, people=people, remove=ConfirmForm()), status


@course_bp.post("/settings/staff")
def add_staff():
    _admin_only()
    staff_form = StaffForm()
    if staff_form.validate_on_submit():
        try:
            user = services.name_staff(g.course, current_user.id, staff_form.email.data)
        except services.StaffRefused as refused:
            staff_form.email.errors = [said(refused)]
        else:
            flash(gettext("%(name)s is now staff of this course.", name=user.name), "success")
            return redirect(url_for("authoring.settings"))
    form = VisibilityForm(formdata=None, visibility=g.course.visibility.value)
    return _settings_page(form, staff_form, 400)


@course_bp.post("/settings/staff/<int:user_id>/remove")
def remove_staff(user_id: int):
    _admin_only()
    if services.remove_staff(g.course, current_user.id, user_id):
        flash(gettext("Removed from this course's staff."), "success")
    return redirect(url_for("authoring.settings"))


@course_bp.post("/publish-imported")
def publish_imported():
    """Staff publish a draft course whose text came in whole (it has no draft to review)."""
    try:
        services.publish_imported(g.course, current_user.id)
    except PublishRefused as refused:
        flash(said(refused), "error")
    else:
        flash(gettext("Published: learners find “%(title)s” in the catalogue.",
                      title=g.course.title), "success")
    return redirect(url_for("authoring.manage"))


@course_bp.post("/move")
def move():
    _admin_only()
    step = -1 if request.form.get("direction") == "up" else 1
    services.move_course(g.course, current_user.id, step)
    return redirect(url_for("course_admin.index"))
