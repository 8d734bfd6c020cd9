"""Sign up, log in and out, password reset, profile."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from lms.auth import services
from lms.auth.forms import LoginForm, ProfileForm, ResetPasswordForm, ResetRequestForm, SignupForm
from lms.auth.models import User
from lms.extensions import db, limiter, login_manager
from lms.progress.services import complete_lesson_by_slug
from lms.urls import local_path, public_url

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
DEACTIVATED = ("This account has been deactivated, so it cannot log in. Certificates issued "
               "to it can still be verified. Please contact the course team.")


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    return db.session.scalar(select(User).where(User.session_token == session_token))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _arrive(
    user,
    next_url: str | None,
    complete_slug: str | None,
    remember: bool = False,
    message: str | None = None,
):
    """Start a fresh session for user, record a pending completion, and go where they were."""
    session.clear()
    login_user(user, remember=remember)
    if message:
        flash(message, "success")
    if complete_slug:
        complete_lesson_by_slug(user.id, complete_slug)
    return redirect(local_path(next_url) or url_for("learn.my_learning"))


def _prefill_return_fields(form) -> None:
    if request.method == "GET":
        form.next.data = local_path(request.args.get("next")) or ""
        form.complete.data = (request.args.get("complete") or "")[:80]


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def signup():
    form = SignupForm()
    _prefill_return_fields(form)
    if form.validate_on_submit():
        services.start_signup(
            form.email.data,
            form.name.data,
            form.password.data,
            link_for=lambda token: public_url("auth.finish_signup", token=token),
            login_link=public_url("auth.login"),
            after={"next": local_path(form.next.data), "complete": form.complete.data or None},
        )
        return render_template("auth/check_email.html", email=form.email.data)
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/signup/<token>", methods=["GET", "POST"])
def finish_signup(token: str):
    # Opening the link only asks for a click: mail scanners that open every link must not use
    # it up before the parent does.
    if request.method == "GET":
        if not services.signup_link_is_usable(token):
            flash("That link has expired or was already used. Please log in, or sign up again.",
                  "error")
            return redirect(url_for("auth.login"))
        return render_template("auth/finish_signup.html", form=FlaskForm())
    result = services.finish_signup(token)
    if result is None:
        flash("That link has expired or was already used. Please log in, or sign up again.",
              "error")
        return redirect(url_for("auth.login"))
    user, after = result
    return _arrive(user, after.get("next"), after.get("complete"),
                   message="Your account is ready. Welcome!")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("learn.my_learning"))
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
        form.password.errors.append("The email address or password is not right.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    flash("You are logged out.", "success")
    return redirect(url_for("learn.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(
            form.email.data,
            link_for=lambda token: public_url("auth.reset_password", token=token),
        )
        return render_template("auth/check_email.html", email=form.email.data, reset=True)
    return render_template("auth/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = services.reset_password(token, form.password.data)
        if user is None:
            flash("That link has expired or was already used. Please ask for a new one.", "error")
            return redirect(url_for("auth.reset_request"))
        return _arrive(user, None, None, message="Your password is changed.")
    return render_template("auth/reset_password.html", form=form), 400 if form.errors else 200


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.name.data, form.certificate_name.data)
        flash("Your profile is saved.", "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form), 400 if form.errors else 200
