"""Assignment and Grade Services: a launched learner finishes the mini course, and a real
Celery worker sends their score to the test platform's line item, with a token the platform
granted only after checking the tool's signed request against the tool's JWKS."""
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from pylti1p3.exception import LtiServiceException
from sqlalchemy import select

from lms.extensions import db
from lms.lti.grades import send_course_scores
from lms.lti.models import LtiGradeLink
from tests.certificates.helpers import LESSONS, QUIZZES, finish_course
from tests.helpers import published_tasks, quiz_answers, wait_for
from tests.lti.conftest import launch
from tests.lti.platform import CLIENT_ID, SCORE_SCOPE


@pytest.fixture
def app_config(app_config):
    celery = dict(app_config["CELERY"], task_default_queue=f"lti-{uuid.uuid4().hex[:12]}")
    return dict(app_config, CELERY=celery)


@pytest.fixture
def celery_worker(app):
    with start_worker(app.extensions["celery"], pool="solo", perform_ping_check=False,
                      shutdown_timeout=10):
        yield


def launched_learner(client, platform, **claims):
    response, _ = launch(client, platform, lambda nonce: platform.resource_claims(
        nonce, lineitem=platform.lineitem(), **claims))
    client.get(client.get(response.headers["Location"]).headers["Location"])


def test_the_score_reaches_the_platform_gradebook_when_the_learner_finishes(
        app, client, registered, celery_worker):
    launched_learner(client, registered)
    finish_course(app, client)
    score = wait_for(lambda: registered.scores, timeout=20)[0]
    assert score["lineitem"] == "/courses/7/lineitems/1/lineitem/scores"
    assert score["content_type"] == "application/vnd.ims.lis.v1.score+json"
    assert score["userId"] == "canvas-user-42"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (100, 100)
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    [token] = registered.token_requests
    assert token["claims"]["iss"] == CLIENT_ID and token["claims"]["sub"] == CLIENT_ID
    assert SCORE_SCOPE in token["scope"].split()
    assert registered.refused == []
    with app.app_context():
        assert wait_for(lambda: db.session.scalar(select(LtiGradeLink.sent_at)))


def test_the_score_is_the_mean_of_the_best_quiz_scores(app, client, registered):
    launched_learner(client, registered)
    for slug in LESSONS:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    with published_tasks() as queued:
        for slug in QUIZZES:
            client.post(f"/courses/mini/modules/{slug}/quiz", data=quiz_answers(app, slug))
    assert "lms.lti.tasks.send_scores" in queued  # after the commit, not in the request
    assert registered.scores == []
    with app.app_context():
        [user_id, course_id] = db.session.execute(
            select(LtiGradeLink.user_id, LtiGradeLink.course_id)).one()
        assert send_course_scores(user_id, course_id) == 1
        assert send_course_scores(user_id, course_id) == 0  # sent once
    assert registered.scores[0]["scoreGiven"] == 100


def test_a_learner_no_platform_launched_costs_no_task(app, client, auth, learner, course):
    auth.login()
    with published_tasks() as queued:
        finish_course(app, client)
    assert "lms.lti.tasks.send_scores" not in queued


def test_a_refused_score_stays_waiting_for_the_retry(app, client, registered):
    launched_learner(client, registered)
    finish_course(app, client)
    registered.tool_jwks = {"keys": []}  # the platform no longer trusts the tool's key
    with app.app_context():
        [user_id, course_id] = db.session.execute(
            select(LtiGradeLink.user_id, LtiGradeLink.course_id)).one()
        with pytest.raises(LtiServiceException):
            send_course_scores(user_id, course_id)
        assert db.session.scalar(select(LtiGradeLink.sent_at)) is None
    assert registered.scores == []


def test_a_learner_who_finished_before_the_link_was_placed_gets_the_score_at_launch(
        app, client, registered):
    launched_learner(client, registered)  # placed without a gradebook column
    with app.app_context():
        db.session.execute(db.delete(LtiGradeLink))
        db.session.commit()
    finish_course(app, client)
    with published_tasks() as queued:
        response, _ = launch(client, registered, lambda nonce: registered.resource_claims(
            nonce, lineitem=registered.lineitem(2)))
    assert response.status_code == 302
    assert "lms.lti.tasks.send_scores" in queued
