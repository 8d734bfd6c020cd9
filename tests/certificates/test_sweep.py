"""The sweep: a render whose message was lost is queued again a minute later (not five), with
the failure written down, while renders still being retried are left to their retries."""
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from lms import create_app
from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.rendering import render_and_store
from lms.certificates.tasks import requeue_stuck_certificates
from lms.extensions import db
from lms.models_base import utcnow
from tests.certificates.helpers import certificates, finish_course


def _queued_ago(app, seconds: float) -> None:
    with app.app_context():
        db.session.execute(update(Certificate).values(
            queued_at=utcnow() - timedelta(seconds=seconds)))
        db.session.commit()


@pytest.fixture
def lost_render(app, client, auth, course, learner):
    """A completed course whose render message the broker lost."""
    auth.login()
    finish_course(app, client)
    assert app.extensions["celery"].control.purge() == 1
    return certificates(app)[0].id


def test_a_lost_render_is_queued_again_after_a_minute(app, lost_render):
    assert app.config["CERTIFICATE_STUCK_SECONDS"] == 60
    _queued_ago(app, 50)
    assert requeue_stuck_certificates() == 0
    _queued_ago(app, 61)
    assert requeue_stuck_certificates() == 1
    assert app.extensions["celery"].control.purge() == 1  # the render is on the queue again


def test_the_stuck_threshold_is_a_setting_and_redis_redelivers_as_soon(app_config, tmp_path,
                                                                        monkeypatch):
    """Redis gives a dead worker's unacknowledged message back after its visibility timeout
    (an hour by default): the same threshold, so that path is no slower than the sweep."""
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path / "other"))
    monkeypatch.setenv("CERTIFICATE_STUCK_SECONDS", "45")
    redis = dict(app_config["CELERY"], broker_url="redis://127.0.0.1:6379/15")
    app = create_app({**app_config, "CELERY": redis})
    assert app.config["CERTIFICATE_STUCK_SECONDS"] == 45
    assert app.extensions["celery"].conf.broker_transport_options["visibility_timeout"] == 45


def test_a_render_lost_while_the_database_was_down_is_recorded_once_it_is_back(app, lost_render):
    """The worker could write nothing while the database was down: the sweep, which runs once
    it is back, says on the admin page what happened instead of leaving a silent pending."""
    _queued_ago(app, 120)
    assert requeue_stuck_certificates() == 1
    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.PENDING
    assert "Still pending when queued again" in certificate.error


def test_the_sweep_leaves_a_render_that_is_being_retried_alone(app, lost_render):
    _queued_ago(app, 600)  # issued long ago; its render has just failed and will be retried
    blocker = Path(app.config["CERTIFICATE_DIR"])
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the certificate folder should be")
    with app.app_context(), pytest.raises(OSError):
        render_and_store(lost_render)
    assert requeue_stuck_certificates() == 0
    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.FAILED and certificate.attempts == 1
