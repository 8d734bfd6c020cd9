"""Account rules: sign-up by emailed link, log-in, password reset. None of them reveals
whether an email address has an account."""
import secrets
from collections.abc import Callable

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from lms.auth.models import EmailToken, Role, User
from lms.auth.passwords import burn_time, hash_password, verify_password
from lms.auth.tokens import consume_token, issue_token, peek_token
from lms.extensions import db
from lms.mail import send_email
from lms.models_base import utcnow

SIGNUP = "signup"
RESET = "reset"
SIGNUP_MAX_AGE = 24 * 60 * 60


class EmailTaken(Exception):
    pass


class AccountDeactivated(Exception):
    """The password is right, but an admin has deactivated the account."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, name: str, password_hash: str, role: Role = Role.LEARNER) -> User:
    """Insert an account; raises EmailTaken if the address is already registered."""
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=password_hash,
        role=role,
        session_token=secrets.token_hex(16),
    )
    try:
        with db.session.begin_nested():  # a taken address undoes this insert, not the caller's work
            db.session.add(user)
    except IntegrityError as error:
        raise EmailTaken(email) from error
    return user


def start_signup(email: str, name: str, password: str, link_for: Callable[[str], str],
                 login_link: str, after: dict) -> None:
    """Email a link that finishes the sign-up, or, if the address has an account, say so there."""
    email = normalise_email(email)
    if user_by_email(email) is not None:
        burn_time(password)
        send_email(
            email,
            "You already have an account",
            "Someone (probably you) tried to sign up with this email address, but it already "
            f"has an account.\n\nLog in here: {login_link}\n\nIf you forgot your password, "
            "use \"Forgot your password?\" on that page. If this was not you, ignore this email.",
        )
        return
    raw = issue_token(
        SIGNUP, email, SIGNUP_MAX_AGE,
        payload={"name": name.strip(), "password_hash": hash_password(password), **after},
    )
    db.session.commit()
    send_email(
        email,
        "Finish creating your account",
        f"Hello {name.strip()},\n\nOpen this link to finish creating your account:\n"
        f"{link_for(raw)}\n\nThe link works once, for 24 hours. If you did not sign up, "
        "ignore this email.",
    )


def signup_link_is_usable(raw_token: str) -> bool:
    return peek_token(SIGNUP, raw_token) is not None


def finish_signup(raw_token: str) -> tuple[User, dict] | None:
    """Create the account from a sign-up link; returns the user and what to do next."""
    token = consume_token(SIGNUP, raw_token)
    if token is None:
        return None
    payload = dict(token.payload)
    try:
        user = create_user(token.email, payload.pop("name"), payload.pop("password_hash"))
    except EmailTaken:
        return None
    db.session.commit()
    return user, payload


def authenticate(email: str, password: str) -> User | None:
    user = user_by_email(email)
    if user is None:
        burn_time(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if not user.active:  # said only to whoever knows the password: no account enumeration
        raise AccountDeactivated
    return user


def request_password_reset(email: str, link_for: Callable[[str], str]) -> None:
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
        f"Hello {user.name},\n\nOpen this link to choose a new password:\n{link_for(raw)}\n\n"
        f"The link works once, for {minutes} minutes. If you did not ask for this, ignore "
        "this email: your password has not changed.",
    )


def reset_password(raw_token: str, new_password: str) -> User | None:
    token = consume_token(RESET, raw_token)
    if token is None or token.user_id is None:
        return None
    user = db.session.get(User, token.user_id)
    if user is None:
        return None
    # Any other reset link still in someone's inbox stops working too.
    db.session.execute(update(EmailToken).where(
        EmailToken.user_id == user.id, EmailToken.purpose == RESET, EmailToken.used_at.is_(None)
    ).values(used_at=utcnow()))
    set_password(user, new_password)
    db.session.commit()
    return user


def set_password(user: User, new_password: str) -> None:
    """Change the password and end every other session of this account."""
    user.password_hash = hash_password(new_password)
    user.session_token = secrets.token_hex(16)


def update_profile(user: User, name: str, certificate_name: str) -> None:
    user.name = name.strip()
    user.certificate_name = certificate_name.strip()
    db.session.commit()
