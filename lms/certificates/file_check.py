"""Checking a file someone was given: a PDF against the SHA-256 of every PDF we issued, a
credential against its signature and the published key. In memory; nothing is stored."""
import hashlib
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from lms.certificates import credential as vc
from lms.certificates.lookups import CredentialState, certificate_by_code, credential_state
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.refusal import said

MAX_FILE_BYTES = 5 * 1024 * 1024


class NotACertificateFile(Exception):
    """Neither a PDF nor a credential (415)."""


@dataclass(frozen=True)
class FileVerdict:
    kind: str                     # "PDF" or "credential"
    issued: bool                  # exactly the file we issued / a credential we signed
    headline: str
    checked: list[str] = field(default_factory=list)
    certificate: Certificate | None = None
    state: CredentialState | None = None


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def check_file(data: bytes) -> FileVerdict:
    if looks_like_pdf(data):
        return _check_pdf(data)
    text = _as_text(data)
    if text is not None and text.startswith("eyJ"):
        return _check_credential(text)
    if text is not None and text.startswith("{"):
        return FileVerdict("credential", False,
                           _("This is the readable copy of a credential (the .json file), "
                             "which carries no signature, so it proves nothing by itself."),
                           [_("Whether it is signed: it is not. Check the .jwt file (or the PDF) "
                              "instead.")])
    raise NotACertificateFile(_("This is neither a PDF nor a credential file. Upload the "
                                "certificate's PDF, or its credential (a .jwt file)."))


def _as_text(data: bytes) -> str | None:
    if len(data) > vc.MAX_LENGTH:
        return None
    try:
        return data.decode("ascii").strip()
    except UnicodeDecodeError:
        return None


def _check_pdf(data: bytes) -> FileVerdict:
    digest = hashlib.sha256(data).hexdigest()
    checked = [_("The file's SHA-256 fingerprint (%(digest)s…) against the fingerprint of "
                 "every certificate PDF we issued.", digest=digest[:16])]
    certificate = db.session.scalar(select(Certificate).where(Certificate.sha256 == digest))
    if certificate is None:
        return FileVerdict("PDF", False,
                           _("This is not a file we issued. It may have been edited, re-saved "
                             "(printing to PDF or saving a copy changes the file) or forged."),
                           checked)
    return FileVerdict("PDF", True, _("This is exactly the file we issued."), checked,
                       certificate, credential_state(certificate))


def _check_credential(token: str) -> FileVerdict:
    checked = [_("The signature, with the public key our issuer profile publishes under the "
                 "key id the credential names.")]
    try:
        verified = vc.verify(token)
    except vc.InvalidCredential as problem:
        return FileVerdict("credential", False,
                           _("This is not a credential we issued. %(problem)s",
                             problem=said(problem)), checked)
    certificate = certificate_by_code(verified.code)
    checked.append(_("Whether we withdrew its signing key (for example after it leaked)."))
    if verified.key_withdrawn:
        return FileVerdict("credential", False,
                           _("This credential is signed with a key we withdrew, so it proves "
                             "nothing by itself: anyone who had that key could have made it. "
                             "Check the code printed on the certificate instead."),
                           checked, certificate,
                           credential_state(certificate) if certificate else None)
    checked.append(_("Its certificate's current state in our records."))
    if certificate is None:
        return FileVerdict("credential", False,
                           _("The signature is ours, but no certificate has its code."),
                           checked)
    return FileVerdict("credential", True, _("This credential is exactly as we signed it."),
                       checked, certificate, credential_state(certificate))
