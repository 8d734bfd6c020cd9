"""Password hashing with argon2id, at the strength the app's config sets."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

COMMON_PASSWORDS = frozenset(
    """password password1 password123 12345678 123456789 1234567890 qwerty123 qwertyuiop
    iloveyou letmein1 welcome1 admin123 abc12345 11111111 00000000 football baseball
    sunshine princess starwars trustno1 passw0rd superman whatever dragon12 monkey123""".split()
)


def _hasher() -> PasswordHasher:
    hasher = current_app.extensions.get("password_hasher")
    if hasher is None:
        config = current_app.config
        hasher = PasswordHasher(
            time_cost=config["ARGON2_TIME_COST"],
            memory_cost=config["ARGON2_MEMORY_COST"],
            parallelism=config["ARGON2_PARALLELISM"],
        )
        current_app.extensions["password_hasher"] = hasher
    return hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(password: str) -> None:
    """Hash anyway when there is no account, so response time does not reveal which emails exist."""
    _hasher().hash(password)


def password_problem(password: str) -> str | None:
    """A plain-words reason the password is unacceptable, or None."""
    if len(password) < 8:
        return "Use at least 8 characters."
    if len(password) > 128:
        return "Use at most 128 characters."
    if password.lower() in COMMON_PASSWORDS:
        return "That password is too common. Please choose another."
    return None
