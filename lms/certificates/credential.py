"""The Open Badges 3.0 credential of a certificate: an OpenBadgeCredential (VC Data Model 2.0)
signed as a VC-JWT, a compact JWS with EdDSA over Ed25519 (joserfc). Built once, from the
CertificateFacts, when the certificate is first rendered; stored with the record and attached
inside the PDF. Anyone verifies it with the key the issuer profile publishes under its `kid`."""
import hashlib
import json
import secrets
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.util import urlsafe_b64decode

from lms.certificates import key_status, keys
from lms.certificates.facts import CertificateFacts, hours_text
from lms.refusal import N_, Refusal
from lms.urls import public_url

CONTEXTS = ["https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = ("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
          "ob_v3p0_achievementcredential_schema.json")
ALGORITHM = "EdDSA"  # RFC 9864 prefers "Ed25519"; wallets and OB verifiers expect "EdDSA" today
STATUS_TYPE = "1EdTechRevocationList"
MAX_LENGTH = 64 * 1024


class InvalidCredential(Refusal):
    """Not a credential we signed: malformed, altered, or signed with a key we never published.
    Worded in English here, and shown in the reader's language (said())."""


@dataclass(frozen=True)
class VerifiedCredential:
    payload: dict
    kid: str
    # The signing key was later marked compromised: the signature is right, but anyone holding
    # that key could have made it, so it proves nothing (key_status.py).
    key_withdrawn: bool = False

    @property
    def code(self) -> str:
        """The certificate's code: the credential's id is its verify URL."""
        return self.payload["id"].rstrip("/").rsplit("/", 1)[-1]


def issuer_url() -> str:
    return public_url("certificates.issuer")


def status_url(code: str) -> str:
    return public_url("certificates.credential_status", code=code)


def kid_for(key) -> str:
    return f"{issuer_url()}#key-{keys.key_id(key)}"


def recipient_identifier(email: str, salt: str) -> dict:
    """The holder as OB 3.0 says to hide them: sha256 of the email with a salt, never the email."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
            "identityHash": f"sha256${digest}", "salt": salt}


def _timestamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _course_url(facts: CertificateFacts) -> str:
    """The course's page; the portal's home for a record that does not name its course."""
    if facts.course_slug:
        return public_url("learn.home", course=facts.course_slug)
    return public_url("portal.home")


def credential_payload(facts: CertificateFacts, email: str, salt: str) -> dict:
    issuer = issuer_url()
    # The credential's own words stay English (what OB 3.0 readers expect); inLanguage says
    # the language of the edition the learner took.
    hours = hours_text(facts.reading_minutes) if facts.reading_minutes else "the course's"
    narrative = (f"Read every lesson of {facts.course_title} (edition {facts.edition}), "
                 f"{hours} of study, and passed every module's quiz.")
    subject_id = f"urn:uuid:{_uuid_of(facts.code + '/subject')}"
    return {
        "@context": CONTEXTS,
        "id": facts.verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Certificate of completion: {facts.course_title}",
        "issuer": {"id": issuer, "type": ["Profile"], "name": facts.organisation,
                   "url": current_app.config["ORGANISATION_URL"]},
        "validFrom": _timestamp(facts.issued_at),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "activityEndDate": _timestamp(facts.completed_on_moment),
            "identifier": [recipient_identifier(email, salt)],
            "achievement": {
                "id": f"{_course_url(facts)}#edition-{facts.edition}",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": facts.course_title,
                "version": facts.edition,
                "inLanguage": facts.language,
                "description": f"Completion of the course {facts.course_title}, edition "
                               f"{facts.edition}: {hours} of study.",
                "criteria": {"narrative": narrative},
                # OB 3.0: "credit hours associated with this entity": the hours of study.
                "creditsAvailable": facts.hours,
                "creator": {"id": issuer, "type": ["Profile"], "name": facts.organisation},
            },
        },
        "credentialStatus": {"id": status_url(facts.code), "type": STATUS_TYPE},
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
        # The JWT claims OB 3.0 asks of a VC-JWT (8.2.4), mirroring the credential.
        "iss": issuer,
        "jti": facts.verify_url,
        "nbf": int(facts.issued_at.timestamp()),
        "sub": subject_id,
    }


def _uuid_of(text: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, text))


def sign(payload: dict) -> str:
    key = key_status.signer()
    header = {"alg": ALGORITHM, "kid": kid_for(key), "typ": "JWT"}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc's note that RFC 9864 prefers "Ed25519"
        return jws.serialize_compact(header, body, key, algorithms=[ALGORITHM])


def build_credential(facts: CertificateFacts, email: str) -> str:
    """The signed credential (compact JWS) of a certificate, with a fresh salt."""
    return sign(credential_payload(facts, email, secrets.token_hex(16)))


def header_of(token: str) -> dict:
    try:
        header = json.loads(urlsafe_b64decode(token.split(".")[0].encode()))
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[…]]]]
        raise InvalidCredential(N_("It is not a credential: its header cannot be read.")) from None
    if not isinstance(header, dict):
        raise InvalidCredential(N_("It is not a credential: its header cannot be read."))
    return header


def verify(token: str) -> VerifiedCredential:
    """Check the signature with the published key the header names; InvalidCredential if not."""
    token = token.strip()
    if len(token) > MAX_LENGTH or token.count(".") != 2:
        raise InvalidCredential(N_("It is not a credential: a credential is a signed JWT (three "
                                "parts separated by dots)."))
    header = header_of(token)
    if header.get("alg") != ALGORITHM:
        raise InvalidCredential(N_("It is not signed the way we sign credentials (EdDSA)."))
    life = key_status.life_of(str(header.get("kid", "")).rsplit("#key-", 1)[-1])
    if life is None:
        raise InvalidCredential(N_("It names a signing key we never published."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = jws.deserialize_compact(token, life.key, algorithms=[ALGORITHM])
        payload = json.loads(found.payload)
    except (JoseError, ValueError, UnicodeDecodeError):
        raise InvalidCredential(N_("Its signature does not match its content: it was altered "
                                "after we signed it, or forged.")) from None
    if not isinstance(payload, dict) or not str(payload.get("id", "")).startswith("http"):
        raise InvalidCredential(N_("It is signed, but is not one of our certificate credentials."))
    if not life.compromised_at and not life.signed_in_service(_signed_at(payload)):
        raise InvalidCredential(N_("It is signed with a key we had retired before the date it "
                                   "claims, so we did not sign it."))
    return VerifiedCredential(payload, header["kid"], key_withdrawn=bool(life.compromised_at))


def _signed_at(payload: dict) -> datetime | None:
    """When the credential says it was signed (its nbf), or None if it does not say."""
    try:
        return datetime.fromtimestamp(int(payload["nbf"]), UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


def payload_of(token: str) -> dict:
    """The readable JSON of a credential we stored (its signature is ours)."""
    return json.loads(urlsafe_b64decode(token.split(".")[1].encode()))
