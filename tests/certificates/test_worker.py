"""The render task on a real Celery worker: in memory, and on Redis when TEST_REDIS_URL is set."""
import hashlib
import io
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import update

from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.rendering import render_and_store
from lms.certificates.tasks import render_certificate
from lms.extensions import db
from lms.queue import queued_work
from tests.certificates.helpers import BROKERS, certificates, finish_course
from tests.helpers import latest_email, running_worker, wait_for

every_broker = pytest.mark.parametrize("broker_url", BROKERS,
                                       ids=[url.split(":")[0] for url in BROKERS])


def _status(app):
    [certificate] = certificates(app)
    return certificate.status


def _stored_name(certificate_id: int) -> str:
    return db.session.get(Certificate, certificate_id).storage_key


def _ready(app):
    """the certificate to be ready"""
    [certificate] = certificates(app)
    return certificate if certificate.status is CertificateStatus.READY else None


@every_broker
def test_the_worker_renders_stores_hashes_and_emails(app, client, auth, course, learner,
                                                     celery_worker):
    auth.login()
    finish_course(app, client)
    certificate = wait_for(lambda: _ready(app))
    path = Path(app.config["CERTIFICATE_DIR"]) / certificate.storage_key
    pdf = path.read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256
    assert certificate.attempts == 1 and certificate.error == ""
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Lee Learner" in text and certificate.code in text
    # No temporary files are left beside it: the write was a rename.
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    email = latest_email(app)
    assert "Subject: Your certificate is ready" in email
    assert f"/certificates/{certificate.id}" in email and certificate.code in email


@every_broker
def test_a_failed_render_is_recorded_then_retried_until_it_works(app, client, auth, course,
                                                                 learner, celery_worker):
    blocker = Path(app.config["CERTIFICATE_DIR"])
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the certificate folder should be")
    auth.login()
    finish_course(app, client)

    def failed():
        """the first render to fail"""
        [certificate] = certificates(app)
        return certificate if certificate.status is CertificateStatus.FAILED else None

    certificate = wait_for(failed)
    assert "Error" in certificate.error and certificate.attempts >= 1
    blocker.unlink()
    certificate = wait_for(lambda: _ready(app), timeout=60)
    assert certificate.attempts >= 2 and certificate.error == ""


def test_the_task_is_idempotent(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    with app.app_context():
        assert render_and_store(certificate.id) is True
        first = Path(app.config["CERTIFICATE_DIR"], _stored_name(certificate.id)).read_bytes()
        assert render_and_store(certificate.id) is False
        # Even a duplicate run that races past the status check writes the very same bytes.
        db.session.execute(update(Certificate).values(status=CertificateStatus.PENDING))
        db.session.commit()
        assert render_and_store(certificate.id) is True
        again = Path(app.config["CERTIFICATE_DIR"], _stored_name(certificate.id)).read_bytes()
    assert first == again
    assert render_certificate.acks_late and render_certificate.reject_on_worker_lost


def test_a_revoked_certificate_is_not_rendered(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    with app.app_context():
        db.session.execute(update(Certificate).values(status=CertificateStatus.REVOKED))
        db.session.commit()
        assert render_and_store(certificate.id) is False
    assert not Path(app.config["CERTIFICATE_DIR"], certificate.code).exists()


def test_an_unknown_id_is_ignored(app, course):
    with app.app_context():
        assert render_and_store(12345) is False


@every_broker
def test_a_completion_whose_message_was_lost_is_rendered_by_the_sweep(app, client, auth, course,
                                                                      learner, runner):
    auth.login()
    finish_course(app, client)
    celery = app.extensions["celery"]
    assert celery.control.purge() == 1  # the message is lost: the broker restarted empty
    assert _status(app) is CertificateStatus.PENDING
    result = runner.invoke(args=["certificates", "requeue"])
    assert "Queued 1 certificate render(s)." in result.output
    with running_worker(app):
        wait_for(lambda: _ready(app))


def test_the_beat_sweep_leaves_recent_and_finished_certificates_alone(app, client, auth, course,
                                                                      learner, runner):
    auth.login()
    finish_course(app, client)
    result = runner.invoke(args=["certificates", "requeue", "--older-than", "5"])
    assert "Queued 0 certificate render(s)." in result.output
    with app.app_context():
        render_and_store(certificates(app)[0].id)
    assert "Queued 0" in runner.invoke(args=["certificates", "requeue"]).output


def test_a_completion_while_the_broker_is_down_still_succeeds(app, client, auth, course, learner,
                                                              caplog):
    celery = app.extensions["celery"]
    celery.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    celery.conf.task_publish_retry = False
    celery.conf.broker_connection_timeout = 1
    auth.login()
    finish_course(app, client, leave="later")
    response = client.post("/courses/mini/lessons/later/complete", follow_redirects=True)
    assert response.status_code == 200
    assert "being prepared" in response.get_data(as_text=True)
    assert _status(app) is CertificateStatus.PENDING
    assert "the sweep will queue it" in caplog.text
    with app.app_context():
        assert queued_work() == []
