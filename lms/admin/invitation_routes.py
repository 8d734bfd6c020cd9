"""The invited person's page (/invite/<token>, public: the emailed link is the permission):
choose a name and password, and arrive signed in where the role works."""
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext

from lms.admin import invites
from lms.auth import devices, limits, sessions
from lms.auth.forms import FinishSignupForm
from lms.auth.models import Role
from lms.auth.signals import arrived
from lms.i18n import current_language

bp = Blueprint("invitation", __name__)

LANDING = {Role.TRAINER: "course_admin.index", Role.ADMIN: "people.search",
           Role.LEARNER: "portal.my_learning"}


def _gone():
    return render_template("auth/invitation_gone.html"), 410


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limits.per_address
def accept(token: str):
    # Opening the link only shows the form: a mail scanner opening it must not use it up.
    invited = invites.invited_email(token)
    if invited is None:
        return _gone()
    email, name = invited
    form = FinishSignupForm()
    if form.validate_on_submit():
        user = invites.accept(token, form.name.data, form.password.data,
                              form.reminder_emails.data, current_language())
        if user is None:
            return _gone()
        sessions.begin(user, remember=False)
        devices.remember_here(user.email)
        arrived.send(current_app._get_current_object(), user=user, complete=None)
        flash(gettext("Your account is ready. Welcome!"), "success")
        return redirect(url_for(LANDING[user.role]))
    if not form.is_submitted():
        form.name.data = name
    return render_template("auth/finish_signup.html", form=form,
                           email=email), 400 if form.errors else 200
