"""Download my data; delete my account."""
import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import Length, Optional

from lms.admin.people import NotAllowed
from lms.auth import limits
from lms.auth.sessions import leave
from lms.privacy.services import delete_account, export_user_data
from lms.refusal import said

bp = Blueprint("privacy", __name__, url_prefix="/profile")


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[Optional(), Length(max=128)])
    # An account opened from a learning platform (LTI) has no password to confirm with.
    understood = BooleanField(_l("I understand that this deletes my account, my progress and my "
                                 "certificates, and cannot be undone."))


@bp.get("/data.json")
@login_required
def download_data():
    body = json.dumps(export_user_data(current_user.id), indent=2, ensure_ascii=False)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="my-course-data.json"',
        "Cache-Control": "no-store",
    })


@bp.route("/delete", methods=["GET", "POST"])
@limits.per_address
@limits.per_signed_in_account
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        confirmation = form.password if user.has_password else form.understood
        if not confirmation.data:
            confirmation.errors.append(_("Enter your password.") if user.has_password else
                                       _("Tick the box to confirm."))
            return render_template("privacy/delete.html", form=form), 400
        try:
            deleted = delete_account(user, form.password.data or "")
        except NotAllowed as refusal:  # the last active admin
            confirmation.errors.append(said(refusal))
            return render_template("privacy/delete.html", form=form), 409
        if deleted:
            leave()
            flash(_("Your account and your data have been deleted."), "success")
            return redirect(url_for("portal.home"))
        form.password.errors.append(_("That password is not right."))
    return render_template("privacy/delete.html", form=form), 400 if form.errors else 200
