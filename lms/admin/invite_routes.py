"""Admin pages for invitations: invite one person from the People page, or many from a CSV
file, and see what became of each."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.admin import invite_csv, invites, people
from lms.admin.guard import admins_only
from lms.admin.invite_forms import InviteFileForm, InviteForm
from lms.extensions import limiter
from lms.i18n import current_language
from lms.refusal import said

bp = Blueprint("invites", __name__, url_prefix="/admin")
bp.before_request(admins_only)


def _admin() -> str:
    # Limits are checked before admins_only runs, so a visitor can get here (then a 404).
    user_id = getattr(current_user, "id", None)
    return f"user:{user_id}" if user_id is not None else f"address:{request.remote_addr}"


per_admin = limiter.limit(lambda: current_app.config["INVITE_RATE_LIMIT"], key_func=_admin,
                          methods=["POST"])
files_per_admin = limiter.limit(lambda: current_app.config["INVITE_FILE_RATE_LIMIT"],
                                key_func=_admin, methods=["POST"])


def people_page(search: str = "", invite_form=None, file_form=None, existing=None,
                status: int = 200):
    """The People page (accounts found, or the newest), with the invitation forms as given;
    existing: the account an invited address already has."""
    courses = invites.all_courses()
    invite_form = (invite_form or InviteForm(formdata=None)).offer_courses(courses)
    return render_template("admin/people.html", search=search.strip(),
                           people=people.find_people(search), invite_form=invite_form,
                           file_form=file_form or InviteFileForm(formdata=None),
                           existing=existing), status


@bp.post("/people/invite")
@per_admin
def invite():
    form = InviteForm().offer_courses(invites.all_courses())
    if not form.validate_on_submit():
        return people_page(invite_form=form, status=400)
    outcome = invites.invite_one(current_user.id, form.email.data, form.role.data,
                                 form.courses.data or [], form.name.data or "",
                                 current_language())
    if outcome.status == invites.HAS_ACCOUNT:
        form.email.errors = [gettext("This address already has an account. Change its role on "
                                     "the person's page instead.")]
        return people_page(invite_form=form, existing=outcome.user_id, status=409)
    if outcome.status == invites.REFUSED:
        form.role.errors = [gettext(outcome.reason, **outcome.params)]
        return people_page(invite_form=form, status=400)
    flash(gettext("An invitation is on its way to %(email)s. Its link works once, for 7 days.",
                  email=outcome.email), "success")
    return redirect(url_for("people.search"))


@bp.post("/people/invite-file")
@files_per_admin
def invite_file():
    form = InviteFileForm()
    if not form.validate_on_submit():
        return people_page(file_form=form, status=400)
    try:
        rows = invite_csv.read_rows(form.file.data.read(invite_csv.MAX_BYTES + 1))
    except invite_csv.NotACsv as refused:
        form.file.errors = [said(refused)]
        return people_page(file_form=form, status=400)
    outcomes = invite_csv.invite_rows(current_user.id, rows, current_language())
    return render_template("admin/invitations.html", outcomes=outcomes,
                           invited=sum(o.status == invites.INVITED for _, o in outcomes))
