"""Account emails (finish sign-up, reset password). The page only queues a job; the worker
decides whether there is an account and what to write, so every request does the same work and
its response time cannot tell which addresses have accounts."""
from celery import shared_task
from flask import current_app
from flask_babel import gettext as _

from lms.auth.services import RESET, SIGNUP, SIGNUP_MAX_AGE, normalise_email, user_by_email
from lms.auth.tokens import issue_token
from lms.extensions import db
from lms.i18n import current_language, in_language
from lms.mail import send_email
from lms.queue import after_commit
from lms.urls import public_url


def start_signup(email: str, after: dict) -> None:
    """Ask the worker to email a sign-up link (or, if the address has an account, a note), in
    the language of the page it was asked from."""
    _queue(send_signup_link, normalise_email(email), after, current_language())


def email_signup_link(email: str, after: dict, language: str = "en") -> None:
    """The worker's half of start_signup. Nothing the requester typed but the address goes into
    the email: whoever asks for a sign-up may not own the address."""
    user = user_by_email(email)
    if user is not None:
        with in_language(user.language or language):
            send_email(email, _("You already have an account"), _(
                "Someone (probably you) tried to sign up with this email address, but it "
                "already has an account.\n\nLog in here: %(login)s\n\nIf you forgot your "
                "password, use \"Forgot your password?\" on that page. If this was not you, "
                "ignore this email.", login=public_url("auth.login")))
        return
    raw = issue_token(SIGNUP, email, SIGNUP_MAX_AGE, payload=after)
    db.session.commit()
    with in_language(language):
        send_email(email, _("Finish creating your account"), _(
            "Hello,\n\nOpen this link to finish creating your account:\n%(link)s\n\n"
            "The link works once, for 24 hours. If you did not sign up, ignore this email.",
            link=public_url("auth.finish_signup", token=raw)))


def request_password_reset(email: str) -> None:
    """Ask the worker to email a reset link. The page does this same work whether or not the
    address has an account, so its response time tells nothing."""
    _queue(send_reset_link, normalise_email(email), current_language())


def email_reset_link(email: str, language: str = "en") -> None:
    """The worker's half of request_password_reset: a link if there is an account, else nothing."""
    user = user_by_email(email)
    if user is None:
        return
    raw = issue_token(RESET, user.email, current_app.config["PASSWORD_RESET_MAX_AGE"],
                      user_id=user.id)
    db.session.commit()
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    with in_language(user.language or language):
        send_email(user.email, _("Reset your password"), _(
            "Hello %(name)s,\n\nOpen this link to choose a new password:\n%(link)s\n\n"
            "The link works once, for %(minutes)s minutes. If you did not ask for this, ignore "
            "this email: your password has not changed.", name=user.name, minutes=minutes,
            link=public_url("auth.reset_password", token=raw)))


def _queue(task, *args) -> None:
    # The broker may be down or frozen: the page still answers at once, the same for everyone.
    after_commit(task, *args, if_lost="the email is not sent")




@shared_task
def send_signup_link(email: str, after: dict, language: str = "en") -> None:
    email_signup_link(email, after, language)


@shared_task
def send_reset_link(email: str, language: str = "en") -> None:
    email_reset_link(email, language)
