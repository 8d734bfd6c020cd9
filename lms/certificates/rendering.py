"""The render task's work: record -> stored PDF -> ready, idempotently, then tell the learner."""
import hashlib

from flask import current_app
from sqlalchemy import update

from lms.auth.models import User
from lms.certificates.files import certificate_storage, storage_key
from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.pdf import render_certificate_pdf
from lms.certificates.services import RENDERABLE
from lms.extensions import db
from lms.mail import send_email
from lms.models_base import utcnow
from lms.urls import public_url


def certificate_data(certificate: Certificate) -> dict:
    """The plain values pdf.py renders: the issued record, never the live profile or course."""
    return {
        "printed_name": certificate.printed_name,
        "course_title": certificate.course_title,
        "edition": certificate.edition,
        "organisation": certificate.organisation,
        "language": certificate.language,
        "completed_on": certificate.completed_at.date(),
        "issued_at": certificate.issued_at.isoformat(timespec="seconds"),
        "code": certificate.code,
        "verify_url": public_url("certificates.verify", code=certificate.code),
    }


def render_and_store(certificate_id: int) -> bool:
    """Render the PDF if the certificate still needs one; True when this call made it ready.

    Safe to run twice or concurrently: the bytes depend only on the record (same file, same
    hash), and only one run moves the row to ready and sends the email.
    """
    certificate = db.session.get(Certificate, certificate_id)
    if (certificate is None or certificate.status not in RENDERABLE
            or certificate.holder_forgotten):
        return False
    data = certificate_data(certificate)
    db.session.rollback()  # hold no transaction open while WeasyPrint works
    try:
        pdf = render_certificate_pdf(data)
        key = storage_key(data["code"])
        certificate_storage().save(key, pdf)
    except Exception as error:
        try:
            mark_failed(certificate_id, f"{type(error).__name__}: {error}")
        except Exception:  # the database is down too: the retry (or the sweep) records it
            current_app.logger.exception("Could not record the failed render")
        raise
    if not mark_ready(certificate_id, key, hashlib.sha256(pdf).hexdigest()):
        forgotten = db.session.get(Certificate, certificate_id)
        if forgotten is None or forgotten.holder_forgotten:  # deleted account: keep no name
            certificate_storage().delete(key)
        return False
    announce_ready(certificate_id)
    return True


def mark_ready(certificate_id: int, key: str, sha256: str) -> bool:
    """Record the stored PDF, unless another run did or the certificate was revoked. Commits."""
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.status.in_(RENDERABLE),
               Certificate.printed_name != "")
        .values(status=CertificateStatus.READY, storage_key=key, sha256=sha256,
                rendered_at=utcnow(), error="", attempts=Certificate.attempts + 1)
    ).rowcount
    db.session.commit()
    return changed == 1


def mark_failed(certificate_id: int, error: str) -> None:
    """Keep the error for the admin page; the task retries, then the sweep. Commits.

    queued_at becomes the time of this attempt, so the sweep leaves a render whose retries are
    still going to them (it looks only at renders quiet for CERTIFICATE_STUCK_SECONDS)."""
    db.session.rollback()
    db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.status.in_(RENDERABLE))
        .values(status=CertificateStatus.FAILED, error=error[:2000],
                attempts=Certificate.attempts + 1, queued_at=utcnow())
    )
    db.session.commit()


def announce_ready(certificate_id: int) -> None:
    certificate = db.session.get(Certificate, certificate_id)
    user = db.session.get(User, certificate.user_id) if certificate.user_id else None
    if user is None:
        return
    page = public_url("certificates.show", certificate_id=certificate.id)
    verify = public_url("certificates.verify", code=certificate.code)
    try:
        send_email(
            user.email,
            "Your certificate is ready",
            f"Hello {user.name},\n\nYour certificate for \"{certificate.course_title}\" is ready. "
            f"Download it here:\n{page}\n\nAnyone can check it is genuine at {verify}\n"
            f"(verification code {certificate.code}).",
        )
    except OSError:
        # The certificate is ready and listed under "My certificates"; a lost email must not
        # turn into a retried render.
        current_app.logger.exception("Could not send the certificate-ready email")
