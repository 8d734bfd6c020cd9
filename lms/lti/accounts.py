"""Who a launched person is here: the account linked to their (issuer, subject), made at their
first launch. No email address is needed, and none a platform sends is trusted to join an
existing account (any platform could claim any address)."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.auth.models import NO_PASSWORD_MARK, User
from lms.auth.services import create_user
from lms.extensions import db
from lms.lti.models import LtiAccount

# RFC 2606: an address under .invalid never delivers (lms/mail.py sends nothing to one), and
# the account has no password, so it is reached only through its platform's launches.
NO_ADDRESS_DOMAIN = "lti.invalid"
NO_PASSWORD_HASH = f"{NO_PASSWORD_MARK}lti"  # not a hash: no password matches it


def display_name(claims: dict) -> str:
    name = (claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part) or "")
    return name.strip()[:120] or "Learner"


def linked_account(issuer: str, subject: str) -> User | None:
    return db.session.scalar(select(User).join(LtiAccount, LtiAccount.user_id == User.id)
                             .where(LtiAccount.issuer == issuer, LtiAccount.subject == subject))


def account_for(issuer: str, subject: str, claims: dict) -> User:
    """The account of the person (issuer, subject) names, made now if this is their first launch
    (in the caller's transaction)."""
    user = linked_account(issuer, subject)
    if user is not None:
        return user
    try:
        with db.session.begin_nested():
            user = create_user(f"lti-{secrets.token_hex(12)}@{NO_ADDRESS_DOMAIN}",
                               display_name(claims), NO_PASSWORD_HASH)
            db.session.flush()
            db.session.add(LtiAccount(issuer=issuer, subject=subject, user_id=user.id))
            db.session.flush()
    except IntegrityError:  # the same person's other launch linked them a moment ago
        user = linked_account(issuer, subject)
        if user is None:
            raise
    return user
