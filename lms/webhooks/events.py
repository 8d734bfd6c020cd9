"""The events a receiver can subscribe to, and how they are emitted: inside the transaction that
makes the change, emit() adds a pending delivery for every active endpoint that wants the event
and asks for each to be sent once that transaction commits (lms.queue.after_commit). A change
rolled back sends nothing; the learner's request never waits on a receiver.

The features call the named helpers below with what they hold (an enrolment, a certificate):
plain attributes only, so this module imports none of them. A payload names the course by
slug and title, the learner by account id (and by email only for the endpoints whose admin
chose it), and the times in UTC, ISO 8601."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from lms.auth.models import User
from lms.courses.models import Course
from lms.extensions import db
from lms.models_base import utcnow
from lms.queue import after_commit
from lms.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint

# Queued by name (lms.celery_app.publish finds the task): the task module imports the sender.
DELIVER = "lms.webhooks.tasks.deliver_webhook"
IF_LOST = "the delivery stays pending; the webhook sweep will queue it"


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_event_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def queue_delivery(delivery: WebhookDelivery) -> None:
    after_commit(DELIVER, delivery.id, if_lost=IF_LOST)


def emit(event_type: EventType, learner_id: int | None,
         data: Callable[[], dict]) -> list[WebhookDelivery]:
    """Add a delivery of the event to every active endpoint that wants it, in the caller's
    transaction, each sent after it commits. data() makes the payload's data, without the
    learner: only when some endpoint wants the event (most steps send nothing)."""
    endpoints = [endpoint for endpoint in db.session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.active)) if endpoint.wants(event_type)]
    if not endpoints:
        return []
    event_id, now, data = new_event_id(), utcnow(), data()
    email = None
    if learner_id is not None and any(endpoint.include_email for endpoint in endpoints):
        email = db.session.scalar(select(User.email).where(User.id == learner_id))
    deliveries = []
    for endpoint in endpoints:
        learner = None if learner_id is None else {"id": learner_id}
        if learner is not None and endpoint.include_email:
            learner["email"] = email
        payload = {"type": event_type.value, "timestamp": iso(now),
                   "data": {**data, "learner": learner}}
        deliveries.append(WebhookDelivery(event_id=event_id, event_type=event_type.value,
                                          payload=payload, endpoint_id=endpoint.id,
                                          learner_id=learner_id))
    db.session.add_all(deliveries)
    db.session.flush()
    for delivery in deliveries:
        queue_delivery(delivery)
    return deliveries


def _course(course_id: int) -> dict:
    course = db.session.get(Course, course_id)
    return {"slug": course.slug, "title": course.title}


def enrolment_started(enrolment) -> None:
    """A learner's first step in a course (their enrolment was created)."""
    emit(EventType.ENROLMENT_STARTED, enrolment.user_id, lambda: {
        "course": _course(enrolment.course_id), "started_at": iso(enrolment.started_at)})


def course_completed(enrolment) -> None:
    emit(EventType.COURSE_COMPLETED, enrolment.user_id, lambda: {
        "course": _course(enrolment.course_id), "started_at": iso(enrolment.started_at),
        "completed_at": iso(enrolment.completed_at)})


def _certificate(certificate, verify_url: str) -> dict:
    return {"code": certificate.code, "verify_url": verify_url, "edition": certificate.edition,
            "completed_at": iso(certificate.completed_at),
            "issued_at": iso(certificate.issued_at)}


def certificate_issued(certificate, verify_url: str, replaces: str | None = None) -> None:
    """A certificate was awarded (its PDF may still be rendering: the verify URL answers at
    once); replaces: the code of the certificate a corrected reissue replaces."""
    emit(EventType.CERTIFICATE_ISSUED, certificate.user_id, lambda: {
        "course": _course(certificate.course_id),
        "certificate": {**_certificate(certificate, verify_url), "replaces": replaces}})


def certificate_revoked(certificate, verify_url: str) -> None:
    emit(EventType.CERTIFICATE_REVOKED, certificate.user_id, lambda: {
        "course": _course(certificate.course_id),
        "certificate": {**_certificate(certificate, verify_url),
                        "revoked_at": iso(certificate.revoked_at),
                        "reason": certificate.revoked_reason}})
