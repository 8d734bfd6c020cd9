"""A learner's steps reach a receiver as signed Standard Webhooks messages, after commit, from a
Celery worker; the signature is checked with the independent `standardwebhooks` package."""
import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.services import mark_lesson_complete
from lms.webhooks.delivery_log import requeue_stuck
from lms.webhooks.models import DeliveryState, EventType, WebhookDelivery
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import lesson_id, only_course_id, published_tasks, wait_for
from tests.webhooks.conftest import ADMIN_EMAIL, deliveries, run_pending


def verified(secret: str, request) -> dict:
    return Webhook(secret).verify(request.body, request.headers)


def test_a_learner_finishing_the_course_sends_signed_completion_and_certificate(
        app, client, auth, course, learner, receiver, register, celery_worker):
    _, secret = register(receiver.url)
    auth.login()
    finish_course(app, client)

    wait_for(lambda: len(receiver.requests) >= 3, timeout=20)
    messages = [verified(secret, request) for request in receiver.requests]
    by_type = {message["type"]: message for message in messages}
    assert set(by_type) == {"enrolment.started", "course.completed", "certificate.issued"}
    assert all(request.path == "/hooks/lms?source=test" for request in receiver.requests)
    completed = by_type["course.completed"]["data"]
    assert completed["course"] == {"slug": "mini", "title": "Mini Course"}
    assert completed["learner"] == {"id": learner}  # no email unless the admin chose it
    assert completed["completed_at"].endswith("Z")
    [certificate] = certificates(app)
    issued = by_type["certificate.issued"]["data"]["certificate"]
    assert issued["code"] == certificate.code
    assert issued["verify_url"].endswith(f"/verify/{certificate.code}")
    # Each message has its own id, kept in the delivery log with the receiver's answer.
    ids = {request.headers["webhook-id"] for request in receiver.requests}
    assert len(ids) == 3 and all(event_id.startswith("msg_") for event_id in ids)
    wait_for(lambda: all(d.state is DeliveryState.SUCCEEDED for d in deliveries(app)))
    assert {d.last_status for d in deliveries(app)} == {204}


def test_a_tampered_body_or_another_secret_fails_the_check(
        app, client, auth, course, learner, receiver, register):
    _, secret = register(receiver.url, EventType.ENROLMENT_STARTED)
    _, other_secret = register(receiver.url + "&other", EventType.COURSE_COMPLETED)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    run_pending(app)
    [request] = receiver.requests
    assert verified(secret, request)["type"] == "enrolment.started"
    tampered = request.body.replace(b'"mini"', b'"other"')
    assert tampered != request.body
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(tampered, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(other_secret).verify(request.body, request.headers)


def test_the_email_is_sent_only_to_an_endpoint_that_asked_for_it(
        app, client, auth, course, learner, receiver, register):
    _, secret = register(receiver.url, EventType.ENROLMENT_STARTED, include_email=True)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    run_pending(app)
    [request] = receiver.requests
    assert verified(secret, request)["data"]["learner"] == {
        "id": learner, "email": "learner@example.org"}


def test_a_failing_receiver_is_retried_then_marked_failed_and_never_holds_up_the_learner(
        app, client, auth, course, learner, receiver, register, celery_worker):
    register(receiver.url, EventType.COURSE_COMPLETED)
    receiver.statuses = [500]
    receiver.gate.clear()  # the receiver holds every request until the test lets it answer
    auth.login()
    started = time.monotonic()
    finish_course(app, client)
    elapsed = time.monotonic() - started
    with app.app_context():
        assert certificates(app), "the course was completed"
    assert elapsed < app.config["WEBHOOKS_READ_TIMEOUT"]
    assert receiver.requests == []  # the pages answered while the receiver still held it
    receiver.gate.set()

    def failed():
        """the delivery to be given up"""
        return [d for d in deliveries(app) if d.state is DeliveryState.FAILED]

    [delivery] = wait_for(failed, timeout=20)
    assert delivery.attempts == app.config["WEBHOOKS_ATTEMPTS"] == len(receiver.requests)
    assert delivery.last_status == 500 and "500" in delivery.last_error
    # Every attempt is the same message: the same id and body, signed again.
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1
    assert len({r.body for r in receiver.requests}) == 1


@pytest.mark.parametrize(("answers", "state", "attempts"), [
    ([429, 503, 200], DeliveryState.SUCCEEDED, 3),
    ([404], DeliveryState.FAILED, 1),     # retrying would get the same answer
    ([301], DeliveryState.FAILED, 1),     # a redirect is not followed
])
def test_429_and_5xx_are_retried_other_answers_are_final(
        app, client, auth, course, learner, receiver, register, answers, state, attempts):
    register(receiver.url, EventType.ENROLMENT_STARTED)
    receiver.statuses = list(answers)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    run_pending(app)
    [delivery] = deliveries(app)
    assert (delivery.state, delivery.attempts, delivery.last_status) == (
        state, attempts, answers[-1])
    assert len(receiver.requests) == attempts


def test_nobody_listening_is_a_network_error_retried_then_failed(
        app, client, auth, course, learner, register):
    register("http://127.0.0.1:9/nobody-here", EventType.ENROLMENT_STARTED)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    run_pending(app)
    [delivery] = deliveries(app)
    assert delivery.state is DeliveryState.FAILED
    assert delivery.attempts == 3 and delivery.last_status is None
    assert "Error" in delivery.last_error


def test_a_rolled_back_change_sends_nothing(app, course, learner, receiver, register):
    register(receiver.url)
    retired = lesson_id(app, "first-lesson") + 999
    with app.app_context(), published_tasks() as published:
        # The lesson is not in the published course: the service rolls back the enrolment it
        # created (and the enrolment.started it emitted) along with everything else.
        outcome = mark_lesson_complete(learner, only_course_id(), retired)
        assert not outcome.recorded
    assert deliveries(app) == []
    assert "lms.webhooks.tasks.deliver_webhook" not in published


def test_a_delivery_is_queued_only_when_its_transaction_commits(app, course, learner, receiver,
                                                                register):
    register(receiver.url)
    first = lesson_id(app, "first-lesson")
    with app.app_context(), published_tasks() as published:
        outcome = mark_lesson_complete(learner, only_course_id(), first)
        assert outcome.recorded
    assert published.count("lms.webhooks.tasks.deliver_webhook") == 1
    [delivery] = deliveries(app)
    assert delivery.event_type == "enrolment.started"
    assert json.dumps(delivery.payload)  # stored as sent


def test_revoking_and_reissuing_a_certificate_are_sent(app, client, auth, course, learner,
                                                       receiver, register, admin):
    _, secret = register(receiver.url, EventType.CERTIFICATE_ISSUED,
                         EventType.CERTIFICATE_REVOKED)
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    auth.logout()
    auth.login(email=ADMIN_EMAIL)
    client.post(f"/admin/certificates/{certificate.id}/revoke",
                data={"reason": "Completed on a shared account."})
    client.post(f"/admin/certificates/{certificate.id}/reissue",
                data={"printed_name": "Leigh Learner"})
    run_pending(app)
    issued, revoked, reissued = (verified(secret, request) for request in receiver.requests)
    assert [issued["type"], revoked["type"], reissued["type"]] == [
        "certificate.issued", "certificate.revoked", "certificate.issued"]
    assert revoked["data"]["certificate"]["code"] == certificate.code
    assert revoked["data"]["certificate"]["reason"] == "Completed on a shared account."
    assert revoked["data"]["learner"] == {"id": learner}
    new_code = reissued["data"]["certificate"]["code"]
    assert new_code != certificate.code
    assert reissued["data"]["certificate"]["replaces"] == certificate.code


def test_deleting_an_account_deletes_the_deliveries_about_it(app, client, auth, course, learner,
                                                             receiver, register):
    register(receiver.url, EventType.ENROLMENT_STARTED, include_email=True)
    with app.app_context():
        make_user("other@example.org", "Olu Other", PASSWORD)
    for email in ("learner@example.org", "other@example.org"):
        auth.login(email=email)
        client.post("/courses/mini/lessons/first-lesson/complete")
        auth.logout()
        run_pending(app)
    auth.login()
    assert len(deliveries(app)) == 2
    client.post("/profile/delete", data={"password": PASSWORD})
    remaining = deliveries(app)
    assert [d.payload["data"]["learner"]["email"] for d in remaining] == ["other@example.org"]


def test_the_sweep_queues_a_delivery_whose_message_was_lost(app, client, auth, course, learner,
                                                            receiver, register):
    register(receiver.url, EventType.ENROLMENT_STARTED)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")  # queued; no worker takes it
    with app.app_context(), published_tasks() as published:
        assert requeue_stuck() == []  # too recent: its message may still be on its way
        db.session.execute(update(WebhookDelivery).values(
            created_at=utcnow() - timedelta(seconds=app.config["CERTIFICATE_STUCK_SECONDS"] + 1)))
        db.session.commit()
        [delivery_id] = requeue_stuck()
    assert published == ["lms.webhooks.tasks.deliver_webhook"]
    run_pending(app)
    [delivery] = deliveries(app)
    assert delivery.id == delivery_id and delivery.state is DeliveryState.SUCCEEDED
    with app.app_context():
        assert requeue_stuck() == []  # done: never sent again
