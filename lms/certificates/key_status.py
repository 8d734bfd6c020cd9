"""A signing key's life after it signed (security review I4). Keys themselves live in
CERTIFICATE_SIGNING_KEYS or instance/signing-keys/ (keys.py); what happened to each is a row
here, by thumbprint, written by `flask certificates retire-key|compromise-key`:

- retired: nothing new is signed with it; what it signed before its retirement verifies as
  before, and a credential it signed later (by its `nbf`) is refused;
- compromised: anything it signed may be forged, so every credential it signed verifies as
  "signed with a key we withdrew", and the issuer profile and JWKS say so ("revoked").

The newest key that is neither signs (signer()). Every change is in the audit log."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from joserfc.jwk import OKPKey
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from lms import audit
from lms.certificates import keys
from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class KeyProblem(Exception):
    """The key cannot be changed like this; the message says why (shown by the CLI)."""


class SigningKeyState(db.Model):
    thumbprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    compromised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class KeyLife:
    """What one published key may still do."""
    key: OKPKey
    thumbprint: str
    retired_at: datetime | None = None
    compromised_at: datetime | None = None

    @property
    def status(self) -> str:
        """"active", "retired" or "revoked" (compromised), as the JWKS publishes it."""
        if self.compromised_at:
            return "revoked"
        return "retired" if self.retired_at else "active"

    @property
    def signs(self) -> bool:
        return self.status == "active"

    def signed_in_service(self, signed_at: datetime | None) -> bool:
        """Was a credential signed at signed_at (its nbf) signed while this key was in use?"""
        return self.retired_at is None or (signed_at is not None and signed_at <= self.retired_at)


def key_lives() -> list[KeyLife]:
    """Every published key, oldest first, with what happened to it."""
    states = {state.thumbprint: state for state in db.session.scalars(select(SigningKeyState))}
    lives = []
    for key in keys.signing_keys():
        thumbprint = keys.key_id(key)
        state = states.get(thumbprint)
        lives.append(KeyLife(key, thumbprint, state.retired_at if state else None,
                             state.compromised_at if state else None))
    return lives


def life_of(thumbprint: str) -> KeyLife | None:
    return next((life for life in key_lives() if life.thumbprint == thumbprint), None)


def signer() -> OKPKey:
    """The key new credentials are signed with: the newest one neither retired nor withdrawn."""
    usable = [life.key for life in key_lives() if life.signs]
    if not usable:
        raise KeyProblem("Every signing key is retired or compromised: add one with "
                         "`flask certificates rotate-key`.")
    return usable[-1]


def _change(typed: str, action: str, column: str) -> KeyLife:
    thumbprint = typed.strip().rsplit("#key-", 1)[-1]
    life = life_of(thumbprint)
    if life is None:
        raise KeyProblem(f"No published signing key has the id {thumbprint!r}. "
                         "The ids are in /.well-known/jwks.json (\"kid\", after #key-).")
    if column == "retired_at" and not life.signs:
        raise KeyProblem(f"Key {thumbprint} is already {life.status}.")
    if column == "compromised_at" and life.compromised_at:
        raise KeyProblem(f"Key {thumbprint} is already marked compromised.")
    others_sign = any(other.signs for other in key_lives() if other.thumbprint != thumbprint)
    if column == "retired_at" and not others_sign:
        raise KeyProblem("This is the only key that signs. Add a new one first with "
                         "`flask certificates rotate-key`, then retire this one.")
    state = db.session.get(SigningKeyState, thumbprint) or SigningKeyState(thumbprint=thumbprint)
    setattr(state, column, utcnow())
    db.session.add(state)
    audit.record(None, action, target=f"signing key {thumbprint}")
    db.session.commit()
    return life_of(thumbprint)


def retire(kid: str) -> KeyLife:
    """Stop signing with the key; what it signed until now keeps verifying. Commits."""
    return _change(kid, "signing key retired", "retired_at")


def compromise(kid: str) -> KeyLife:
    """Withdraw the key: nothing it signed is trusted any more. Commits."""
    return _change(kid, "signing key compromised", "compromised_at")


def only_compromised_sign_left() -> bool:
    """After compromise(): True when no key signs until a new one is added."""
    return not any(life.signs for life in key_lives())
