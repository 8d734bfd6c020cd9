"""An admin's changes to a certificate, each recorded in the audit log with its author and
told to the holder by email (notices.py) once it commits:

- revoke (with a reason): it stays on record and verifies as revoked;
- reinstate (with a reason), within CERTIFICATE_REINSTATE_DAYS of the revocation;
- reissue with a corrected name, from any state: the current version becomes superseded and
  points to a new certificate under a new code (a superseded one reissues its current version).
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from lms import audit
from lms.certificates import notices
from lms.certificates.codes import new_code
from lms.certificates.facts import verify_url
from lms.certificates.lookups import latest_version
from lms.certificates.models import (
    Certificate,
    CertificateStatus,
    CorrectionRequest,
    CorrectionState,
)
from lms.certificates.services import VALID, queue_render_after_commit
from lms.extensions import db
from lms.models_base import utcnow
from lms.refusal import N_, Refusal
from lms.webhooks import events as webhook_events


class NotAllowed(Refusal):
    """The certificate is not in a state that allows this; the message says why."""


def target(certificate: Certificate) -> str:
    """How the audit log names a certificate."""
    return f"certificate {certificate.code}"


def revoke(actor_id: int, certificate_id: int, reason: str) -> Certificate:
    """Withdraw a valid certificate; its code verifies as revoked. Commits."""
    reason = reason.strip()
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.status.in_(VALID))
        .values(status=CertificateStatus.REVOKED, revoked_at=utcnow(), revoked_reason=reason)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise NotAllowed(N_("Only a valid certificate can be revoked."))
    certificate = db.session.get(Certificate, certificate_id)
    audit.record(actor_id, "certificate revoked", subject_id=certificate.user_id,
                 target=target(certificate), detail=reason)
    webhook_events.certificate_revoked(certificate, verify_url(certificate.code))
    db.session.commit()
    notices.revoked(certificate)
    return certificate


def reinstate_until(certificate: Certificate):
    """The last moment this revoked certificate may be reinstated (None if it is not revoked)."""
    if not certificate.status.is_revoked or certificate.revoked_at is None:
        return None
    return certificate.revoked_at + timedelta(
        days=current_app.config["CERTIFICATE_REINSTATE_DAYS"])


def reinstate(actor_id: int, certificate_id: int, reason: str) -> Certificate:
    """Undo a revocation within CERTIFICATE_REINSTATE_DAYS: valid again under the same code,
    ready if its PDF is kept, else rendered again. Commits."""
    certificate = db.session.get(Certificate, certificate_id)
    until = reinstate_until(certificate) if certificate else None
    if until is None:
        raise NotAllowed(N_("Only a revoked certificate can be reinstated."))
    if utcnow() > until:
        raise NotAllowed(N_("It was revoked more than %(days)s days ago, so it can no longer "
                            "be reinstated. Reissue it instead."),
                         days=current_app.config["CERTIFICATE_REINSTATE_DAYS"])
    kept = certificate.storage_key is not None and certificate.sha256 is not None
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id,
               Certificate.status == CertificateStatus.REVOKED)
        .values(status=CertificateStatus.READY if kept else CertificateStatus.PENDING,
                revoked_at=None, revoked_reason="", queued_at=utcnow())
    ).rowcount
    if changed != 1:  # reissued or reinstated by another admin meanwhile
        db.session.rollback()
        raise NotAllowed(N_("Only a revoked certificate can be reinstated."))
    if not kept:
        queue_render_after_commit(certificate_id)
    audit.record(actor_id, "certificate reinstated", subject_id=certificate.user_id,
                 target=target(certificate), detail=reason.strip())
    db.session.commit()
    certificate = db.session.get(Certificate, certificate_id)
    notices.reinstated(certificate, reason.strip())
    return certificate


def reissue(actor_id: int, certificate_id: int, printed_name: str,
            correction: CorrectionRequest | None = None) -> Certificate:
    """Replace the certificate's current version with a corrected copy under a new code, from
    any state (pending, ready, failed, revoked). Open correction requests for it are done.
    Commits."""
    old = db.session.get(Certificate, certificate_id)
    if old is None:
        raise NotAllowed(N_("There is no such certificate."))
    old = latest_version(old)
    if old.holder_forgotten:
        raise NotAllowed(N_("The holder deleted their account; their certificate cannot be "
                            "reissued."))
    was = old.status
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == old.id, Certificate.status == was,
               Certificate.status != CertificateStatus.SUPERSEDED)
        .values(status=CertificateStatus.SUPERSEDED, superseded_at=utcnow())
    ).rowcount
    if changed != 1:  # changed by another admin meanwhile
        db.session.rollback()
        raise NotAllowed(N_("The certificate changed while you were looking at it. Please "
                            "check it again."))
    new = Certificate(
        user_id=old.user_id, course_id=old.course_id, edition=old.edition,
        printed_name=printed_name.strip(), course_title=old.course_title,
        organisation=old.organisation, language=old.language, completed_at=old.completed_at,
        code=new_code(), reading_minutes=old.reading_minutes, status=CertificateStatus.PENDING,
    )
    db.session.add(new)
    db.session.flush()
    db.session.execute(update(Certificate).where(Certificate.id == old.id)
                       .values(superseded_by_id=new.id))
    _close_requests(old, new, correction)
    queue_render_after_commit(new.id)
    webhook_events.certificate_issued(new, verify_url(new.code), replaces=old.code)
    audit.record(actor_id, "certificate reissued", subject_id=old.user_id, target=target(old),
                 detail=f"was {was.value}; replaced by {new.code}, name {new.printed_name!r}")
    db.session.commit()
    db.session.refresh(old)
    notices.reissued(old, new)
    return new


def _close_requests(old: Certificate, new: Certificate, correction) -> None:
    """Every open request on the replaced version is answered by the new certificate."""
    for request in db.session.scalars(select(CorrectionRequest).where(
            CorrectionRequest.certificate_id == old.id,
            CorrectionRequest.state == CorrectionState.OPEN)):
        request.state, request.resolved_at = CorrectionState.DONE, utcnow()
        request.replacement_id = new.id
    if correction is not None and correction.state is CorrectionState.OPEN:
        correction.state, correction.resolved_at = CorrectionState.DONE, utcnow()
        correction.replacement_id = new.id
