"""Account rules: sign-up by emailed link, log-in, password reset. None of them reveals
whether an email address has an account."""
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.auth import security_log as log
from lms.auth.models import Role, User
from lms.auth.passwords import burn_time, hash_password, needs_rehash, verify_password
from lms.auth.sessions import end_every_session
from lms.auth.tokens import RESET, SIGNUP, consume_token, peek_token
from lms.extensions import db

SIGNUP_MAX_AGE = 24 * 60 * 60


class EmailTaken(Exception):
    pass


class AccountDeactivated(Exception):
    """The password is right, but an admin has deactivated the account."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, name: str, password_hash: str, role: Role = Role.LEARNER,
                language: str | None = None) -> User:
    """Insert an account; raises EmailTaken if the address is already registered."""
    user = User(
        email=normalise_email(email),
        language=language,
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


def signup_email(raw_token: str) -> str | None:
    """The address a sign-up link would create an account for, if the link is still usable."""
    token = peek_token(SIGNUP, raw_token)
    return token.email if token else None


def finish_signup(raw_token: str, name: str, password: str,
                  reminder_emails: bool = False,
                  language: str | None = None) -> tuple[User, dict] | None:
    """Create the account from a sign-up link, with the name and password (and the choice of
    reminder emails) made there by the owner of the inbox; returns the user and what next."""
    token = consume_token(SIGNUP, raw_token)
    if token is None:
        return None
    try:
        user = create_user(token.email, name, hash_password(password), language=language)
    except EmailTaken:
        return None
    user.reminder_emails = bool(reminder_emails)
    db.session.commit()
    return user, dict(token.payload)


def authenticate(email: str, password: str) -> User | None:
    user = user_by_email(email)
    if user is None:
        burn_time(password)
        log.security_event(log.LOGIN_FAILED, None)
        return None
    if not verify_password(user.password_hash, password):
        log.security_event(log.LOGIN_FAILED, user.id)
        return None
    if not user.active:  # said only to whoever knows the password: no account enumeration
        log.security_event(log.LOGIN_DEACTIVATED, user.id)
        raise AccountDeactivated
    log.security_event(log.LOGIN_SUCCEEDED, user.id)
    if needs_rehash(user.password_hash):
        # Hashes made at older settings move to the current ones at their owner's next log-in,
        # the only moment the password is in hand.
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def reset_password(raw_token: str, new_password: str) -> User | None:
    token = consume_token(RESET, raw_token)
    if token is None or token.user_id is None:
        return None
    user = db.session.get(User, token.user_id)
    if user is None:
        return None
    set_password(user, new_password)  # any other reset link in someone's inbox ends too
    db.session.commit()
    log.security_event(log.PASSWORD_RESET, user.id)
    return user


def change_password(user: User, current_password: str, new_password: str) -> bool:
    """Change the password of a signed-in user who knows the current one (every session ends;
    the caller signs this browser in again). False if the current password is wrong."""
    if not verify_password(user.password_hash, current_password):
        return False
    set_password(user, new_password)
    db.session.commit()
    log.security_event(log.PASSWORD_CHANGED, user.id)
    return True


def set_password(user: User, new_password: str) -> None:
    """Change the password and end every session and reset link of the account (the caller
    commits)."""
    user.password_hash = hash_password(new_password)
    end_every_session(user)


def update_profile(user: User, name: str, certificate_name: str,
                   reminder_emails: bool, language: str | None = None) -> None:
    user.name = name.strip()
    user.certificate_name = certificate_name.strip()
    user.reminder_emails = bool(reminder_emails)
    user.language = language  # None: the browser (or the language control) decides
    db.session.commit()
