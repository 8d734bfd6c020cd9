"""The render task's work: record -> stored PDF -> ready, idempotently, then tell the learner.
The transitions themselves (ready, failed) are lifecycle rules, in services.py."""
import hashlib

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from lms.auth.models import User
from lms.certificates.credential import build_credential
from lms.certificates.facts import CertificateFacts
from lms.certificates.files import (
    delete_other_renders,
    delete_pdf,
    is_stored,
    save_pdf,
    storage_key,
)
from lms.certificates.models import Certificate
from lms.certificates.pdf import render_certificate_pdf
from lms.certificates.services import mark_failed, mark_ready, store_credential
from lms.courses.models import Course
from lms.extensions import db
from lms.i18n import in_language
from lms.mail import send_email
from lms.urls import public_url


def render_and_store(certificate_id: int) -> bool:
    """Render the PDF if the certificate still needs one; True when this call made it ready.

    Safe to run twice or concurrently: only one run moves the row to ready and sends the email.
    A PDF already stored with the record's hash is kept, not rendered again: WeasyPrint's bytes
    for the same HTML differ with what the process rendered before (its font subsets), and the
    hash a holder's file is checked against must stay the file's. For the same reason each
    render is stored under a name of its own (files.storage_key): the run whose render the row
    records keeps its file, and every other render of the certificate is deleted: a losing run
    deletes its own; the winner looks for others (one listing of the store) unless the row had
    no credential when it began: a render is stored only after a credential is, so then no
    earlier run can have stored one. (A run beside it, killed between storing and recording,
    leaves its file to the account's deletion.)
    """
    certificate = db.session.get(Certificate, certificate_id)
    if (certificate is None or not certificate.status.is_being_prepared
            or certificate.holder_forgotten):
        return False
    facts = CertificateFacts.of(certificate, db.session.scalar(
        select(Course.slug).where(Course.id == certificate.course_id)))
    holder_id = certificate.user_id
    first_run = certificate.credential is None  # so no render of it is stored yet
    credential = certificate.credential or _first_credential(certificate_id, holder_id, facts)
    key, digest = certificate.storage_key, certificate.sha256
    db.session.rollback()  # hold no transaction open while WeasyPrint works
    try:
        if not is_stored(key, digest):
            pdf = render_certificate_pdf(facts, credential)
            digest = hashlib.sha256(pdf).hexdigest()
            key = storage_key(facts.code, digest)
            save_pdf(key, pdf)
    except Exception as error:
        try:
            mark_failed(certificate_id, f"{type(error).__name__}: {error}")
        except Exception:  # the database is down too: the retry (or the sweep) records it
            current_app.logger.exception("Could not record the failed render")
        raise
    if not mark_ready(certificate_id, key, digest):
        recorded = db.session.get(Certificate, certificate_id)
        # Another run's render is the one recorded, or the certificate was revoked, or the
        # holder deleted their account (keep no name): this render is nobody's file.
        if recorded is None or recorded.holder_forgotten or recorded.storage_key != key:
            delete_pdf(key)
        return False
    announce_ready(certificate_id, holder_id, facts)
    if not first_run:
        _tidy(facts.code, key)
    return True


def _tidy(code: str, key: str) -> None:
    """Delete the certificate's other renders (a run killed after storing its PDF). The
    certificate is ready either way: a file left here is deleted with the account's."""
    try:
        delete_other_renders(code, keep=key)
    except OSError:  # the store is unreachable (StorageUnavailable is an OSError)
        current_app.logger.exception("Could not delete a certificate's other renders")


def _first_credential(certificate_id: int, holder_id: int, facts: CertificateFacts) -> str:
    """Sign the credential once: of two runs that race, the first stored wins and both embed
    it, so the PDF's bytes (and hash) stay the record's."""
    holder = db.session.get(User, holder_id)
    return store_credential(certificate_id, build_credential(facts, holder.email))


def announce_ready(certificate_id: int, holder_id: int | None, facts: CertificateFacts) -> None:
    user = db.session.get(User, holder_id) if holder_id else None
    if user is None:
        return
    page = public_url("certificates.show", certificate_id=certificate_id)
    try:
        with in_language(facts.language):
            send_email(user.email, _("Your certificate is ready"), _(
                "Hello %(name)s,\n\nYour certificate for \"%(course)s\" is ready. Download it "
                "here:\n%(page)s\n\nAnyone can check it is genuine at %(verify)s\n"
                "(verification code %(code)s).", name=user.name, course=facts.course_title,
                page=page, verify=facts.verify_url, code=facts.code))
    except OSError:
        # The certificate is ready and listed under "My certificates"; a lost email must not
        # turn into a retried render.
        current_app.logger.exception("Could not send the certificate-ready email")
