"""Personal access tokens: a learner makes one on their profile (its secret shown once),
sees when each was last used, and revokes it; a revoked token stops at its next request."""
from sqlalchemy import select

from lms.api.credentials import TOKEN_PREFIX, NewSecret, find, new_secret
from lms.api.models import PersonalToken
from lms.auth.models import User
from lms.extensions import db
from lms.models_base import utcnow

MAX_LIVE_TOKENS = 20  # per learner: plenty for scripts, and a bound on a runaway one


class TooManyTokens(Exception):
    """The learner already has MAX_LIVE_TOKENS live tokens."""


def live_tokens(user_id: int) -> list[PersonalToken]:
    return list(db.session.scalars(
        select(PersonalToken).where(PersonalToken.user_id == user_id,
                                    PersonalToken.revoked_at.is_(None))
        .order_by(PersonalToken.id)))


def create_token(user_id: int, name: str) -> tuple[PersonalToken, NewSecret]:
    """A new token for the learner; the secret is returned to show once, and never kept."""
    if len(live_tokens(user_id)) >= MAX_LIVE_TOKENS:
        raise TooManyTokens()
    made = new_secret(TOKEN_PREFIX)
    token = PersonalToken(user_id=user_id, name=name.strip(), prefix=made.prefix,
                          secret_hash=made.secret_hash)
    db.session.add(token)
    db.session.commit()
    return token, made


def revoke_token(user_id: int, token_id: int) -> PersonalToken | None:
    """Revoke one of the learner's own tokens (None: no such live token of theirs)."""
    token = db.session.scalar(select(PersonalToken).where(
        PersonalToken.id == token_id, PersonalToken.user_id == user_id,
        PersonalToken.revoked_at.is_(None)))
    if token is not None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token


def token_user(secret: str) -> User | None:
    """The active learner a live token speaks for, or None."""
    token = find(PersonalToken, secret)
    if token is None:
        return None
    user = db.session.get(User, token.user_id)
    return user if user is not None and user.active else None
