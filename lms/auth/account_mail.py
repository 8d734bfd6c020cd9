"""Account emails (finish sign-up, reset password). The page only queues a job; the worker
decides whether there is an account and what to write, so every request does the same work and
its response time cannot tell which addresses have accounts."""
from celery import shared_task
from flask import current_app

from lms.auth.services import RESET, SIGNUP, SIGNUP_MAX_AGE, normalise_email, user_by_email
from lms.auth.tokens import issue_token
from lms.extensions import db
from lms.mail import send_email
from lms.queue import after_commit
from lms.urls import public_url


def start_signup(email: str, after: dict) -> None:
    """Ask the worker to email a sign-up link (or, if the address has an account, a note)."""
    _queue(send_signup_link, normalise_email(email), after)


def email_signup_link(email: str, after: dict) -> None:
    """The worker's half of start_signup. Nothing the requester typed but the address goes into
    the email: whoever asks for a sign-up may not own the address."""
    if user_by_email(email) is not None:
        send_email(
            email,
            "You already have an account",
            "Someone (probably you) tried to sign up with this email address, but it already "
            f"has an account.\n\nLog in here: {public_url('auth.login')}\n\nIf you forgot "
            "your password, use \"Forgot your password?\" on that page. If this was not you, "
            "ignore this email.",
        )
        return
    raw = issue_token(SIGNUP, email, SIGNUP_MAX_AGE, payload=after)
    db.session.commit()
    send_email(
        email,
        "Finish creating your account",
        "Hello,\n\nOpen this link to finish creating your account:\n"
        f"{public_url('auth.finish_signup', token=raw)}\n\nThe link works once, for 24 hours. "
        "If you did not sign up, ignore this email.",
    )


def request_password_reset(email: str) -> None:
    """Ask the worker to email a reset link. The page does this same work whether or not the
    address has an account, so its response time tells nothing."""
    _queue(send_reset_link, normalise_email(email))


def email_reset_link(email: str) -> None:
    """The worker's half of request_password_reset: a link if there is an account, else nothing."""
    user = user_by_email(email)
    if user is None:
        return
    raw = issue_token(RESET, user.email, current_app.config["PASSWORD_RESET_MAX_AGE"],
                      user_id=user.id)
    db.session.commit()
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    send_email(
        user.email,
        "Reset your password",
        f"Hello {user.name},\n\nOpen this link to choose a new password:\n"
        f"{public_url('auth.reset_password', token=raw)}\n\n"
        f"The link works once, for {minutes} minutes. If you did not ask for this, ignore "
        "this email: your password has not changed.",
    )


def _queue(task, *args) -> None:
    # The broker may be down or frozen: the page still answers at once, the same for everyone.
    after_commit(task, *args, if_lost="the email is not sent")




@shared_task
def send_signup_link(email: str, after: dict) -> None:
    email_signup_link(email, after)


@shared_task
def send_reset_link(email: str) -> None:
    email_reset_link(email)
