"""The certificate lifecycle: issue once on completion, ready or failed after a render,
re-queue, forget the holder. An admin's changes (revoke, reissue...) are in changes.py and the
lookups for the pages in lookups.py.

Every function works inside the caller's transaction unless it says it commits. Renders are
queued only after the transaction that needs them commits (lms.queue.after_commit).
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from lms import audit
from lms.auth.models import User
from lms.certificates.codes import new_code
from lms.certificates.facts import verify_url
from lms.certificates.models import Certificate, CertificateStatus, CorrectionRequest
from lms.courses.hours import reading_minutes
from lms.extensions import db
from lms.i18n import current_language
from lms.models_base import utcnow
from lms.queue import after_commit
from lms.webhooks import events as webhook_events

VALID = CertificateStatus.valid()
RENDERABLE = CertificateStatus.being_prepared()
# The sweep stops re-queuing a certificate after this many renders (one series of retries makes
# up to 29, about 10 minutes); an admin sees its error and can queue it again (requeue_render).
MAX_ATTEMPTS = 30
# Queued by name (lms.celery_app.publish finds the task): the task module imports these rules.
RENDER = "lms.certificates.tasks.render_certificate"


class NotAllowed(Exception):
    """The certificate is not in a state that allows this (e.g. revoking a revoked one)."""


def queue_render_after_commit(certificate_id: int) -> None:
    after_commit(RENDER, certificate_id,
                 if_lost="the certificate stays pending; the sweep will queue it")


def _current_for(user_id: int, course_id: int, edition: str) -> Certificate | None:
    return db.session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id,
            Certificate.course_id == course_id,
            Certificate.edition == edition,
            Certificate.status != CertificateStatus.SUPERSEDED,
        )
    )


def issue_certificate(user_id: int, course, completed_at: datetime) -> Certificate:
    """The learner's certificate for this edition, created once however many requests race.
    course: the published CourseData (or a Course row)."""
    existing = _current_for(user_id, course.id, course.edition)
    if existing is not None:
        return existing
    user = db.session.get(User, user_id)
    certificate = Certificate(
        user_id=user_id,
        course_id=course.id,
        edition=course.edition,
        printed_name=user.printed_name,
        course_title=course.title,
        # The issuer is the organisation whose portal this is, not a course (settings).
        organisation=current_app.config["ORGANISATION_NAME"],
        # The learner's language when it is issued: the PDF and page print in it (issue 15).
        language=user.language or current_language(),
        completed_at=completed_at,
        code=new_code(),
        reading_minutes=reading_minutes(course),
        status=CertificateStatus.PENDING,
    )
    try:
        with db.session.begin_nested():
            db.session.add(certificate)
    except IntegrityError:
        # A concurrent request issued it first: that one is the learner's certificate.
        existing = _current_for(user_id, course.id, course.edition)
        if existing is None:
            raise
        return existing
    queue_render_after_commit(certificate.id)
    webhook_events.certificate_issued(certificate, verify_url(certificate.code))
    return certificate


def store_credential(certificate_id: int, credential: str) -> str:
    """Keep the certificate's signed credential unless one is kept already; returns the one kept
    (never replaced: the PDF carries it and the holder may have shared it). Commits."""
    db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.credential.is_(None))
        .values(credential=credential))
    db.session.commit()
    return db.session.scalar(select(Certificate.credential).where(Certificate.id == certificate_id))


def mark_ready(certificate_id: int, key: str, sha256: str) -> bool:
    """Record the stored PDF, unless another run did or the certificate was revoked. Commits."""
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.status.in_(RENDERABLE),
               ~Certificate.holder_forgotten)
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




def current_certificate(user_id: int, course_id: int) -> Certificate | None:
    """The learner's newest certificate that is not superseded, for the course's pages."""
    return db.session.scalar(
        select(Certificate)
        .where(
            Certificate.user_id == user_id,
            Certificate.course_id == course_id,
            Certificate.status != CertificateStatus.SUPERSEDED,
        )
        .order_by(Certificate.id.desc())
    )








def forget_holder(user_id: int) -> list[tuple[str, str | None]]:
    """For account deletion: every certificate of the user stays verifiable (valid, revoked or
    superseded, course and date), but keeps no name, initials or owner. Returns each one's code
    and stored PDF (which print the name), for the caller to delete their files
    (files.delete_certificate_files) once the transaction commits."""
    stored = []
    for certificate in list(db.session.scalars(
        select(Certificate).where(Certificate.user_id == user_id)
    )):
        # Their requests for a corrected name hold a name too.
        db.session.execute(delete(CorrectionRequest).where(
            CorrectionRequest.certificate_id == certificate.id))
        stored.append((certificate.code, certificate.storage_key))
        certificate.user_id = None
        certificate.printed_name = ""
        certificate.storage_key = None
        # It holds a salted hash of the email. Copies already handed out still verify (the
        # signature needs no record) and their status stays on line.
        certificate.credential = None
    return stored


def requeue_stuck(older_than: timedelta | None = None, include_capped: bool = False) -> list[int]:
    """Queue again renders left pending, or failed (under the attempt cap unless include_capped),
    whose last queueing or attempt is older than CERTIFICATE_STUCK_SECONDS. Commits.

    A pending one that old was lost (broker down or emptied, worker killed, database down while
    it ran) and nothing could say so then: the error says so now, for the admin page."""
    if older_than is None:
        older_than = timedelta(seconds=current_app.config["CERTIFICATE_STUCK_SECONDS"])
    now = utcnow()
    retryable = Certificate.status == CertificateStatus.FAILED
    if not include_capped:
        retryable &= Certificate.attempts < MAX_ATTEMPTS
    ids = list(
        db.session.scalars(
            select(Certificate.id)
            .where(
                Certificate.queued_at <= now - older_than,
                ~Certificate.holder_forgotten,  # a deleted holder's award needs no PDF
                (Certificate.status == CertificateStatus.PENDING) | retryable,
            )
            .order_by(Certificate.id)
        )
    )
    if ids:
        db.session.execute(
            update(Certificate).where(Certificate.id.in_(ids)).values(queued_at=now))
        db.session.execute(
            update(Certificate)
            .where(Certificate.id.in_(ids), Certificate.status == CertificateStatus.PENDING)
            .values(error=f"Still pending when queued again at {now:%Y-%m-%d %H:%M:%S} UTC: "
                          "its message was lost, or the worker or database was down."))
        for certificate_id in ids:
            queue_render_after_commit(certificate_id)
    db.session.commit()
    return ids


def requeue_render(certificate_id: int, actor_id: int | None = None) -> None:
    """An admin's "Render again": queue a pending or failed render whatever its attempts (the
    sweep gave up on it at MAX_ATTEMPTS). In the audit log. Commits."""
    changed = db.session.execute(
        update(Certificate)
        .where(Certificate.id == certificate_id, Certificate.status.in_(RENDERABLE),
               ~Certificate.holder_forgotten)
        .values(queued_at=utcnow())
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise NotAllowed("Only a certificate that is being prepared or failed can be rendered.")
    queue_render_after_commit(certificate_id)
    certificate = db.session.get(Certificate, certificate_id)
    audit.record(actor_id, "render queued again", subject_id=certificate.user_id,
                 target=f"certificate {certificate.code}")
    db.session.commit()
