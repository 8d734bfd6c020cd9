"""Assignment and Grade Services: a launched learner finishes the mini course, and a real
Celery worker sends their score to the test platform's line item, with a token the platform
granted only after checking the tool's signed request against the tool's JWKS."""
import uuid

import jwt
import pytest
from pylti1p3.exception import LtiServiceException
from sqlalchemy import select

from lms.catalogue.published import published_snapshot
from lms.extensions import db
from lms.lti.grades import score_for, send_course_scores
from lms.lti.models import LtiGradeLink
from tests.certificates.helpers import LESSONS, QUIZZES, finish_course
from tests.helpers import published_tasks, quiz_answers, running_worker, wait_for
from tests.lti.conftest import launch
from tests.lti.platform import CLIENT_ID, LTI, SCORE_SCOPE


@pytest.fixture
def app_config(app_config):
    celery = dict(app_config["CELERY"], task_default_queue=f"lti-{uuid.uuid4().hex[:12]}")
    return dict(app_config, CELERY=celery)


@pytest.fixture
def celery_worker(app):
    with running_worker(app):
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


def test_a_teacher_places_the_course_and_the_learner_launched_into_it_gets_the_score(
        app, registered, celery_worker):
    """The whole story: deep linking, the platform placing what came back, a learner's launch
    from the placed link, the course finished, the score in the platform's gradebook."""
    teacher = app.test_client()
    picker, _ = launch(teacher, registered, registered.deep_link_claims)
    launch_id = picker.get_data(as_text=True).split('name="launch_id" value="')[1].split('"')[0]
    placed = teacher.post("/lti/deep-link", data={"launch_id": launch_id, "choice": "mini"})
    response_jwt = placed.get_data(as_text=True).split('name="JWT" value="')[1].split('"')[0]
    key = jwt.PyJWK(registered.tool_jwks["keys"][0])
    claims = jwt.decode(response_jwt, key.key, algorithms=["RS256"], audience=registered.issuer)
    [item] = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    # The platform makes the gradebook column the item asked for, and launches from the link.
    learner = app.test_client()
    response, _ = launch(learner, registered, lambda nonce: registered.claims(nonce, **{
        LTI + "resource_link": {"id": "placed-1", "title": item["title"]},
        LTI + "target_link_uri": item["url"], LTI + "custom": item["custom"],
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": [SCORE_SCOPE], "lineitem": registered.lineitem(3)}}))
    course = learner.get(learner.get(response.headers["Location"]).headers["Location"])
    assert course.request.path == "/courses/mini/"
    finish_course(app, learner)
    score = wait_for(lambda: registered.scores, timeout=20)[0]
    assert score["lineitem"] == "/courses/7/lineitems/3/lineitem/scores"
    assert score["userId"] == "canvas-user-42" and score["scoreGiven"] == 100
    assert item["lineItem"]["scoreMaximum"] == score["scoreMaximum"] == 100


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


def test_the_score_rule(app, course):
    with app.app_context():
        snapshot = published_snapshot(course)
        basics, next_steps = (snapshot.module(slug).quiz_id for slug in QUIZZES)
        best = {basics: 85, next_steps: 96}
        assert score_for(snapshot, best, None) == 90.5
        assert score_for(snapshot, best, "next-steps") == 96
        assert score_for(snapshot, {}, None) == 0
