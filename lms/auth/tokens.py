"""Single-use, expiring tokens for emailed links; the database keeps only their hash."""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, or_, select, update

from lms.auth.models import EmailToken
from lms.extensions import db
from lms.models_base import utcnow

SIGNUP = "signup"
RESET = "reset"
INVITE = "invite"  # an admin's invitation: the account is made with the role it names


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(purpose: str, email: str, max_age: int, *, user_id=None, payload=None) -> str:
    raw = secrets.token_urlsafe(32)
    db.session.add(
        EmailToken(
            purpose=purpose,
            token_hash=_digest(raw),
            email=email,
            user_id=user_id,
            payload=payload or {},
            expires_at=utcnow() + timedelta(seconds=max_age),
        )
    )
    return raw


def peek_token(purpose: str, raw: str) -> EmailToken | None:
    """The token if it is still usable, without using it up."""
    token = db.session.scalar(
        select(EmailToken).where(
            EmailToken.token_hash == _digest(raw or ""), EmailToken.purpose == purpose
        )
    )
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    return token


def consume_token(purpose: str, raw: str) -> EmailToken | None:
    """Use the token up, once: a conditional UPDATE so two concurrent uses cannot both win."""
    token = peek_token(purpose, raw)
    if token is None:
        return None
    result = db.session.execute(
        update(EmailToken)
        .where(EmailToken.id == token.id, EmailToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return token if result.rowcount == 1 else None


def expire_unused(user_id: int, purpose: str) -> None:
    """Every link of this purpose still in the account's inbox stops working (caller commits)."""
    db.session.execute(update(EmailToken).where(
        EmailToken.user_id == user_id, EmailToken.purpose == purpose,
        EmailToken.used_at.is_(None)).values(used_at=utcnow()))


def expire_unused_for_address(email: str, purpose: str) -> None:
    """Every link of this purpose sent to the address and not yet used stops working (a newer
    one replaces them; caller commits)."""
    db.session.execute(update(EmailToken).where(
        EmailToken.email == email, EmailToken.purpose == purpose,
        EmailToken.used_at.is_(None)).values(used_at=utcnow()))


def purge_expired() -> int:
    """Delete every used or expired emailed link; returns how many. Commits."""
    result = db.session.execute(delete(EmailToken).where(
        or_(EmailToken.used_at.is_not(None), EmailToken.expires_at <= utcnow())))
    db.session.commit()
    return result.rowcount
