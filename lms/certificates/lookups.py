"""Certificate lookups for the pages and the verifier: whose they are, by code, the latest
version of a reissued one, what its credential is worth now, and the typed-name check."""
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from lms.auth.models import User
from lms.certificates.codes import normalise
from lms.certificates.facts import verify_url
from lms.certificates.models import Certificate
from lms.extensions import db


def certificates_of(user_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def certificate_for(viewer: User, certificate_id: int) -> Certificate | None:
    """The certificate if viewer may see it privately (its holder, or an admin), else None."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not (viewer.is_admin or certificate.user_id == viewer.id):
        return None
    return certificate


def certificate_by_code(typed: str) -> Certificate | None:
    code = normalise(typed)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def latest_version(certificate: Certificate) -> Certificate:
    """Follow corrected reissues to the certificate that replaced this one last."""
    seen = {certificate.id}
    while certificate.superseded_by is not None and certificate.superseded_by.id not in seen:
        certificate = certificate.superseded_by
        seen.add(certificate.id)
    return certificate


@dataclass(frozen=True)
class CredentialState:
    """What a certificate's credential is worth now, for the status endpoint and the file check."""
    name: str                 # "valid", "revoked" or "replaced"
    credential_id: str        # the credential's id: its verify URL
    withdrawn: bool           # in the revocation list: revoked, or replaced by a corrected one
    reason: str = ""
    replaced_by: str = ""     # the verify URL of the corrected certificate


def credential_state(certificate: Certificate) -> CredentialState:
    credential_id = verify_url(certificate.code)
    if certificate.status.is_revoked:
        return CredentialState("revoked", credential_id, True,
                               certificate.revoked_reason or "Revoked by the issuer.")
    if certificate.status.is_superseded:
        latest = latest_version(certificate)
        return CredentialState("replaced", credential_id, True,
                               f"Replaced by a corrected certificate, {latest.code}.",
                               verify_url(latest.code))
    return CredentialState("valid", credential_id, False)


def _comparable(name: str) -> str:
    """Case, accents, punctuation and spacing do not matter when a verifier types a name."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", letters).split())


def name_matches(certificate: Certificate, typed: str) -> bool:
    expected = _comparable(certificate.printed_name)
    return bool(expected) and _comparable(typed) == expected


def versions(certificate: Certificate) -> list[Certificate]:
    """Every version of this certificate, oldest first: the ones it replaced, itself, and the
    corrected ones that replaced it."""
    earlier, current = [], certificate
    seen = {certificate.id}
    while (previous := db.session.scalar(select(Certificate).where(
            Certificate.superseded_by_id == current.id))) is not None and previous.id not in seen:
        earlier.insert(0, previous)
        seen.add(previous.id)
        current = previous
    later, current = [], certificate
    while current.superseded_by is not None and current.superseded_by.id not in seen:
        current = current.superseded_by
        later.append(current)
        seen.add(current.id)
    return [*earlier, certificate, *later]
