"""A learner downloads everything held about them, and can delete the account."""
import json
import logging

from sqlalchemy import func, select

from lms.auth.models import Role, User
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of


def learn_a_little(app, client):
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))


def test_download_holds_profile_progress_and_attempts(app, client, auth, learner, course):
    auth.login()
    learn_a_little(app, client)
    response = client.get("/profile/data.json")
    assert response.mimetype == "application/json"
    assert 'filename="my-course-data.json"' in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profile"]["email"] == "learner@example.org"
    assert data["profile"]["name"] == "Lee Learner"
    assert [c["lesson"] for c in data["lessons_completed"]] == ["first-lesson"]
    assert data["quiz_attempts"][0]["module"] == "basics"
    assert data["quiz_attempts"][0]["score"] == 100
    assert data["enrolments"][0]["course"] == "mini"


def test_download_holds_only_your_own_data(app, client, auth, learner, course):
    with app.app_context():
        make_user("other@example.org", "Olu Other", PASSWORD)
    auth.login()
    learn_a_little(app, client)
    auth.logout()
    auth.login(email="other@example.org")
    data = json.loads(client.get("/profile/data.json").data)
    assert data["profile"]["email"] == "other@example.org"
    assert data["lessons_completed"] == [] and data["quiz_attempts"] == []


def test_delete_needs_the_password_and_keeps_everything_if_wrong(app, client, auth, learner,
                                                                  course):
    auth.login()
    learn_a_little(app, client)
    response = client.post("/profile/delete", data={"password": "not my password"})
    assert response.status_code == 400
    assert "That password is not right." in text_of(response)
    with app.app_context():
        assert db.session.get(User, learner) is not None
        assert db.session.scalar(select(func.count(LessonCompletion.id))) == 1


def test_delete_removes_personal_data_and_logs_without_it(app, client, auth, learner, course,
                                                          caplog):
    with app.app_context():
        make_user("other@example.org", "Olu Other", PASSWORD)
    auth.login(email="other@example.org")
    learn_a_little(app, client)
    auth.logout()
    auth.login()
    learn_a_little(app, client)
    with caplog.at_level(logging.INFO):
        response = client.post("/profile/delete", data={"password": PASSWORD},
                               follow_redirects=True)
    assert "Your account and your data have been deleted." in text_of(response)
    assert client.get("/my-learning").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "learner@example.org")) is None
        for model in (LessonCompletion, QuizAttempt, Enrolment):  # the other learner's remain
            assert db.session.scalar(select(func.count(model.id))) == 1
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "An account was deleted" in messages
    assert "learner@example.org" not in messages and "Lee" not in messages
    assert auth.login().status_code == 400


def test_privacy_pages_need_login(client, course):
    for url in ["/profile/data.json", "/profile/delete"]:
        assert client.get(url).headers["Location"].startswith("/login")


def test_the_last_active_admin_cannot_delete_their_own_account(app, client, auth, course):
    """N9: the site must never be left without an active admin, whichever way."""
    with app.app_context():
        make_user("adam@example.org", "Adam Admin", PASSWORD, Role.ADMIN)
        make_user("olga@example.org", "Olga Old", PASSWORD, Role.ADMIN).active = False
        db.session.commit()
    auth.login(email="adam@example.org")
    response = client.post("/profile/delete", data={"password": PASSWORD})
    assert response.status_code == 409
    assert "This is the last active admin. Make someone else an admin first." in text_of(
        response)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "adam@example.org"))
    assert client.get("/my-learning").status_code == 200  # still signed in
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    assert client.post("/profile/delete", data={"password": PASSWORD}).status_code == 302
