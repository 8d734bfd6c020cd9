"""Holders' requests for a corrected name: the admins' queue. A request is answered by a
reissue (changes.reissue marks it done) or declined with a reason; the holder is emailed at
each step and the admins when a request arrives."""
from flask import current_app
from sqlalchemy import select

from lms import audit
from lms.auth.models import Role, User
from lms.certificates import notices
from lms.certificates.changes import NotAllowed, reissue, target
from lms.certificates.models import Certificate, CorrectionRequest, CorrectionState
from lms.extensions import db
from lms.mail import send_email
from lms.models_base import utcnow
from lms.refusal import N_
from lms.urls import public_url


def open_request(certificate_id: int) -> CorrectionRequest | None:
    return db.session.scalar(select(CorrectionRequest).where(
        CorrectionRequest.certificate_id == certificate_id,
        CorrectionRequest.state == CorrectionState.OPEN))


def request_correction(certificate: Certificate, corrected_name: str) -> CorrectionRequest:
    """Queue the holder's request (a second one replaces the name of an open one). Commits."""
    request = open_request(certificate.id)
    if request is None:
        request = CorrectionRequest(certificate_id=certificate.id)
        db.session.add(request)
    request.requested_name = corrected_name.strip()
    request.requested_at = utcnow()
    db.session.commit()
    _tell_admins(request)
    notices.correction_received(request)
    return request


def _tell_admins(request: CorrectionRequest) -> None:
    certificate = request.certificate
    admins = db.session.scalars(select(User.email).where(User.role == Role.ADMIN,
                                                         User.active)).all()
    body = (
        f"{certificate.printed_name} asks for a corrected certificate.\n\n"
        f"Code: {certificate.code}\nCourse: {certificate.course_title}\n"
        f"Name as printed: {certificate.printed_name}\n"
        f"Corrected name: {request.requested_name}\n\n"
        f"The requests waiting for an admin: {public_url('corrections.queue')}"
    )
    if not admins:
        current_app.logger.warning("No admin account to ask for a correction:\n%s", body)
    for email in admins:
        try:
            send_email(email, "A learner asks for a corrected certificate", body)
        except OSError:
            current_app.logger.exception("Could not tell an admin about a correction request")


def waiting() -> list[CorrectionRequest]:
    """Open requests, oldest first: the queue an admin works through."""
    return list(db.session.scalars(select(CorrectionRequest)
                                   .where(CorrectionRequest.state == CorrectionState.OPEN)
                                   .order_by(CorrectionRequest.requested_at,
                                             CorrectionRequest.id)))


def _open(request_id: int) -> CorrectionRequest:
    request = db.session.get(CorrectionRequest, request_id)
    if request is None:
        raise LookupError(request_id)
    if request.state is not CorrectionState.OPEN:
        raise NotAllowed(N_("This request was already answered."))
    return request


def accept(actor_id: int, request_id: int, printed_name: str) -> Certificate:
    """Reissue the certificate with the name (as requested, or as the admin corrected it)."""
    request = _open(request_id)
    return reissue(actor_id, request.certificate_id, printed_name, correction=request)


def decline(actor_id: int, request_id: int, reason: str) -> CorrectionRequest:
    """Refuse the request, with a reason the holder is sent. Commits."""
    request = _open(request_id)
    request.state, request.resolved_at = CorrectionState.DECLINED, utcnow()
    request.response = reason.strip()
    audit.record(actor_id, "correction declined", subject_id=request.certificate.user_id,
                 target=target(request.certificate),
                 detail=f"asked for {request.requested_name!r}: {request.response}")
    db.session.commit()
    notices.correction_declined(request)
    return request
