"""Password hashing with argon2id, at the strength the app's config sets."""
import gzip
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext

# The 20,000 most common passwords, as shipped by Django (django/contrib/auth, BSD licence;
# compiled by Royce Williams from breach corpora), lower-cased.
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


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


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the configured ones (older,
    costlier or weaker): the caller hashes the password again while it has it in hand."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def burn_time(password: str) -> None:
    """Hash anyway when there is no account, so response time does not reveal which emails exist."""
    _hasher().hash(password)


def password_problem(password: str) -> str | None:
    """A plain-words reason the password is unacceptable, or None."""
    if len(password) < 8:
        return gettext("Use at least 8 characters.")
    if len(password) > 128:
        return gettext("Use at most 128 characters.")
    if password.lower().strip() in common_passwords():
        return gettext("That password is too common. Please choose another.")
    return None
