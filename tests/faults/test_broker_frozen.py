"""A frozen broker (connections accepted, never answered) must not hold up a page: the work is
saved in the database and the sweep queues it once the broker answers again."""
import pytest

from lms.certificates.models import CertificateStatus
from tests.certificates.helpers import certificates, finish_course
from tests.faults.conftest import SLOWEST_REQUEST, timed


@pytest.fixture
def broker_url(frozen_broker):
    return frozen_broker.url


def test_completing_the_course_answers_at_once_while_the_broker_is_frozen(
        app, client, auth, course, learner, caplog):
    auth.login()
    finish_course(app, client, leave="later")
    response, seconds = timed(lambda: client.post("/courses/mini/lessons/later/complete"))
    assert response.status_code == 302
    assert seconds < SLOWEST_REQUEST
    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.PENDING  # committed; the sweep renders it
    assert "Could not queue" in caplog.text


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": 1, "MAIL_USE_TLS": False}


def test_a_reset_email_does_not_hold_up_the_page_while_the_broker_is_frozen(
        app, client, learner, course):
    response, seconds = timed(lambda: client.post("/reset", data={"email": "learner@example.org"}))
    assert response.status_code == 200
    assert seconds < SLOWEST_REQUEST
