"""Sign up, log in and out, password reset, profile."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from lms.auth import account_mail, devices, limits, services, sessions
from lms.auth.forms import (
    ChangePasswordForm,
    FinishSignupForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignupForm,
)
from lms.auth.signals import arrived
from lms.extensions import login_manager
from lms.i18n import current_language
from lms.security import from_another_site
from lms.urls import local_path

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to continue.")
login_manager.user_loader(sessions.load)
# Flask-Login has no public setting for it; the default is the function browser_identifier
# keeps the answers of.
login_manager._session_identifier_generator = sessions.browser_identifier  # noqa: SLF001

DEACTIVATED = _l("This account has been deactivated, so it cannot log in. Certificates issued "
               "to it can still be verified. Please contact the course team.")


def _arrive(
    user,
    next_url: str | None,
    complete_slug: str | None,
    remember: bool = False,
    message: str | None = None,
):
    """Start a fresh session for user, announce the arrival (progress records a lesson chosen
    before, and asks about this device's progress), and go where they were."""
    sessions.begin(user, remember)
    devices.remember_here(user.email)  # its owner is not locked out here by others' guesses
    if message:
        flash(message, "success")
    # A receiver may name a page to see first (a choice to make); it passes next_url along.
    replies = arrived.send(current_app._get_current_object(), user=user,
                           complete=complete_slug, next_url=local_path(next_url))
    first = next((reply for _receiver, reply in replies if reply), None)
    return redirect(first or local_path(next_url) or url_for("portal.my_learning"))


def _prefill_return_fields(form) -> None:
    if request.method == "GET":
        form.next.data = local_path(request.args.get("next")) or ""
        # Only this site's "Mark as complete" page may ask to record a lesson at log-in: a
        # link crafted elsewhere must not change what someone's account records (finding I2).
        if not from_another_site():
            form.complete.data = (request.args.get("complete") or "")[:161]


@bp.route("/signup", methods=["GET", "POST"])
@limits.per_address
@limits.per_typed_account
def signup():
    form = SignupForm()
    _prefill_return_fields(form)
    if form.validate_on_submit():
        account_mail.start_signup(
            form.email.data,
            after={"next": local_path(form.next.data), "complete": form.complete.data or None},
        )
        return render_template("auth/check_email.html", email=form.email.data)
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/signup/<token>", methods=["GET", "POST"])
@limits.per_address
def finish_signup(token: str):
    # Opening the link only shows the form: mail scanners that open every link must not use
    # it up before the parent does.
    email = services.signup_email(token)
    form = FinishSignupForm()
    if email and form.validate_on_submit():
        result = services.finish_signup(token, form.name.data, form.password.data,
                                        reminder_emails=form.reminder_emails.data,
                                        language=current_language())
        if result is not None:
            user, after = result
            return _arrive(user, after.get("next"), after.get("complete"),
                           message=_("Your account is ready. Welcome!"))
    elif email:
        return render_template("auth/finish_signup.html", form=form,
                               email=email), 400 if form.errors else 200
    flash(_("That link has expired or was already used. Please log in, or sign up again."), "error")
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@limits.per_address
@limits.wrong_guesses_per_account
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("portal.my_learning"))
    form = LoginForm()
    _prefill_return_fields(form)
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountDeactivated:
            form.email.errors.append(DEACTIVATED)
            return render_template("auth/login.html", form=form), 403
        if user is not None:
            return _arrive(user, form.next.data, form.complete.data, form.remember.data)
        form.password.errors.append(_("The email address or password is not right."))
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    sessions.leave(current_user if current_user.is_authenticated else None)
    flash(_("You are logged out."), "success")
    return redirect(url_for("portal.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limits.per_address
@limits.per_typed_account
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        account_mail.request_password_reset(form.email.data)
        return render_template("auth/check_email.html", email=form.email.data, reset=True)
    return render_template("auth/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limits.per_address
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = services.reset_password(token, form.password.data)
        if user is None:
            flash(_("That link has expired or was already used. Please ask for a new one."),
                  "error")
            return redirect(url_for("auth.reset_request"))
        return _arrive(user, None, None, message=_("Your password is changed."))
    return render_template("auth/reset_password.html", form=form), 400 if form.errors else 200


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.name.data, form.certificate_name.data,
                                form.reminder_emails.data, form.language.data)
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form), 400 if form.errors else 200


@bp.route("/profile/password", methods=["GET", "POST"])
@limits.per_address
@limits.per_signed_in_account
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        remember = user.login.remember
        if services.change_password(user, form.current.data, form.password.data):
            sessions.begin(user, remember)  # the others ended with the old password
            flash(_("Your password is changed. You are logged out on your other devices."),
                  "success")
            return redirect(url_for("auth.profile"))
        form.current.errors.append(_("Your current password is not right."))
    return render_template("auth/change_password.html", form=form), 400 if form.errors else 200


@bp.post("/profile/log-out-everywhere")
@login_required
def log_out_everywhere():
    sessions.leave_everywhere(current_user._get_current_object())
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("portal.home"))
