"""Admin pages for people: find, see progress and certificates, change role, deactivate or
reactivate, and read the audit log."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.admin import audit, people
from lms.admin.guard import admins_only
from lms.admin.people_forms import ROLE_LABELS, ActiveForm, RoleForm
from lms.auth.models import Role
from lms.refusal import said

bp = Blueprint("people", __name__, url_prefix="/admin")
bp.before_request(admins_only)


@bp.get("/people")
def search():
    query = (request.args.get("q") or "")[:120]
    return render_template("admin/people.html", search=query.strip(),
                           people=people.find_people(query))


def _page(user_id: int, role_form=None, status: int = 200):
    details = people.person_details(user_id) or abort(404)
    user, progress, certificates = details
    role_form = role_form or RoleForm(formdata=None, role=user.role.value)
    return render_template("admin/person.html", person=user, progress=progress,
                           certificates=certificates, role_form=role_form,
                           active_form=ActiveForm(formdata=None), role_labels=ROLE_LABELS,
                           events=audit.latest_events(user.id)), status


@bp.get("/people/<int:user_id>")
def person(user_id: int):
    return _page(user_id)


@bp.post("/people/<int:user_id>/role")
def change_role(user_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        return _page(user_id, role_form=form, status=400)
    try:
        changed = people.change_role(current_user.id, user_id, Role(form.role.data))
    except LookupError:
        abort(404)
    except people.NotAllowed as error:
        form.role.errors = [said(error)]
        return _page(user_id, role_form=form, status=409)
    flash(gettext("The role is changed.") if changed
          else gettext("The account already had that role."), "success")
    return redirect(url_for("people.person", user_id=user_id))


@bp.post("/people/<int:user_id>/active")
def set_active(user_id: int):
    form = ActiveForm()
    if not form.validate_on_submit():
        flash(gettext("That request was not understood. Please use the buttons on this page."),
              "error")
        return _page(user_id, status=400)
    active = form.active.data == "yes"
    try:
        people.set_active(current_user.id, user_id, active)
    except LookupError:
        abort(404)
    except people.NotAllowed as error:
        flash(said(error), "error")
        return _page(user_id, status=409)
    flash(gettext("The account is active again: it can log in.") if active else
          gettext("The account is deactivated: it cannot log in. Its certificates stay "
                  "verifiable."),
          "success")
    return redirect(url_for("people.person", user_id=user_id))


@bp.get("/audit")
def audit_log():
    return render_template("admin/audit.html", events=audit.latest_events())
