"""A visitor keeps progress on this device (a guest cookie), sees it in My learning, and brings it
into their account by logging in; a guest's pages are its own, and its cookie reaches nothing
else: not another guest, not an account."""
import hashlib

from sqlalchemy import func, select

from lms.auth.models import LoginSession
from lms.config import settings_from_env
from lms.extensions import db
from lms.progress.models import Guest, LessonCompletion, QuizAttempt
from tests.conftest import PASSWORD
from tests.helpers import CSRFClient, quiz_answers, text_of

LESSON = "/courses/mini/lessons/first-lesson"


def guest_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Guest))


def guest_cookie(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("guest="):
            return header
    return None


def test_reading_creates_nothing_and_the_shared_pages_stay_cached(app, client, course):
    for path in [LESSON, LESSON + "/complete", "/courses/mini/modules/basics/quiz",
                 "/courses/mini/modules/basics/quiz/answer", "/my-learning", "/"]:
        response = client.get(path)
        assert guest_cookie(response) is None, path
    again = client.get(LESSON)
    assert again.headers["ETag"] and "public" in again.headers["Cache-Control"]
    assert client.get("/my-learning").headers["Location"].startswith("/login")
    assert guest_count(app) == 0


def test_a_visitor_marks_a_lesson_complete_on_this_device(app, client, course):
    confirm = text_of(client.get(LESSON + "/complete"))
    assert "Mark as complete on this device" in confirm and "Log in or create an account" in confirm

    response = client.post(LESSON + "/complete")

    # to the top of the lesson, where the confirmation shows, not to the box at the bottom
    assert response.headers["Location"] == LESSON
    cookie = guest_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    with app.app_context():
        stored = db.session.scalar(select(Guest.token_hash))
    assert stored == hashlib.sha256(token.encode()).hexdigest() != token
    page = client.get(LESSON)
    assert "This lesson is marked as complete." in text_of(page)
    assert page.headers["Cache-Control"] == "no-store" and "ETag" not in page.headers
    assert "Your progress is kept on this device only." in text_of(client.get(
        "/courses/mini/lessons/act-now"))
    learning = client.get("/my-learning")
    assert learning.status_code == 200 and learning.headers["Cache-Control"] == "no-store"
    page = text_of(learning)
    assert "Kept on this device only" in page and "1 of 6 done" in page
    assert "Sign up to keep it and get a certificate" in page
    assert client.post(LESSON + "/complete").status_code == 302  # a second click: no new guest
    assert guest_count(app) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 0


def test_a_visitor_takes_a_quiz_on_this_device(app, client, course):
    html = client.get("/courses/mini/modules/basics/quiz/answer").get_data(as_text=True)
    assert 'name="csrf_token"' in html and "Submit my answers" in html
    result = client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    assert guest_cookie(result) is not None
    assert "You scored 100%." in text_of(result)
    assert "Your progress is kept on this device only." in text_of(result)
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics", right=False))
    page = text_of(client.get("/courses/mini/modules/basics/quiz"))
    assert "Your best score so far: 100% (passed). Attempts: 2." in page
    assert "Quiz: passed (100%)" in text_of(client.get("/my-learning"))
    assert guest_count(app) == 1


def test_logging_in_brings_the_guest_progress_into_the_account(app, client, learner, course):
    client.post(LESSON + "/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))

    response = client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})

    # N8: asked first, and nothing joins until the account holder chooses to add it.
    assert response.headers["Location"] == "/my-learning/this-device"
    assert guest_count(app) == 1
    choice = text_of(client.get("/my-learning/this-device"))
    assert "This device has progress" in choice and "Mini Course: 2 of 6 steps done" in choice
    response = client.post("/my-learning/this-device", data={"choice": "add"})
    assert response.headers["Location"] == "/my-learning"
    assert "guest=;" in guest_cookie(response)  # the cookie is dropped
    page = text_of(client.get("/my-learning"))
    assert "What you did on this device is now kept in your account." in page
    assert "Kept on this device only" not in page and "2 of 6 done" in page
    assert guest_count(app) == 0
    client.post("/logout")
    assert client.get("/my-learning").headers["Location"].startswith("/login")
    assert "This lesson is marked as complete." not in text_of(client.get(LESSON))


def test_a_forged_or_unknown_token_gets_a_fresh_view(app, client, course):
    owner = app.test_client()
    owner.post(LESSON + "/complete")
    with app.app_context():
        stored_hash = db.session.scalar(select(Guest.token_hash))

    for forged in ["forged-token", stored_hash, "x" * 5000]:
        client.set_cookie("guest", forged)
        response = client.get(LESSON)
        assert "This lesson is marked as complete." not in text_of(response), forged
        assert response.headers["Cache-Control"] == "no-store"
        assert "guest=;" in guest_cookie(response)  # the unknown cookie is dropped
        assert client.get("/my-learning").headers["Location"].startswith("/login")

    client.set_cookie("guest", "forged-token")
    created = guest_cookie(client.post("/courses/mini/lessons/second-lesson/complete"))
    assert "forged-token" not in created  # a fresh token, never the one the browser offered
    assert guest_count(app) == 2
    with app.app_context():
        hashes = set(db.session.scalars(select(Guest.token_hash)))
    assert hashlib.sha256(b"forged-token").hexdigest() not in hashes
    assert "This lesson is marked as complete." in text_of(owner.get(LESSON))  # untouched
    assert "This lesson is marked as complete." not in text_of(client.get(LESSON))


def test_a_guest_token_cannot_read_or_change_an_account(app, client, auth, learner, course):
    auth.login()
    client.post(LESSON + "/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    with app.app_context():
        session_key = db.session.scalar(select(LoginSession.key))

    intruder = app.test_client()
    for value in [session_key, str(learner), "1"]:
        intruder.set_cookie("guest", value)
        assert "This lesson is marked as complete." not in text_of(intruder.get(LESSON))
        assert intruder.get("/my-learning").headers["Location"].startswith("/login")
    intruder.set_cookie("guest", session_key)
    intruder.post("/courses/mini/lessons/second-lesson/complete")
    intruder.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                         right=False))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 1
        assert db.session.scalar(select(func.count()).select_from(QuizAttempt)) == 1
    assert "2 of 6 done" in text_of(client.get("/my-learning"))  # the account's, unchanged


def test_new_guests_are_limited_per_address_and_existing_ones_are_not(app, course):
    app.config["GUEST_RATE_LIMIT"] = "2 per minute"
    first, second, third = app.test_client(), app.test_client(), app.test_client()
    assert first.post(LESSON + "/complete").status_code == 302
    assert second.post(LESSON + "/complete").status_code == 302
    refused = third.post(LESSON + "/complete")
    assert refused.status_code == 429
    assert "Too many attempts. Please wait a minute and try again." in text_of(refused)
    assert third.post("/courses/mini/modules/basics/quiz",
                      data=quiz_answers(app, "basics")).status_code == 429
    assert guest_count(app) == 2
    for _ in range(3):  # guests who exist are not held back
        assert first.post("/courses/mini/lessons/second-lesson/complete").status_code == 302


def test_csrf_stays_on_for_a_guest_s_steps(app, course):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    assert client.post(LESSON + "/complete").status_code == 400
    assert guest_count(app) == 0
    assert CSRFClient(client).post(LESSON + "/complete").status_code == 302
    assert guest_count(app) == 1


def test_in_production_the_guest_cookie_is_secure_and_host_only(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    settings = settings_from_env(tmp_path)
    assert settings["GUEST_COOKIE_NAME"] == "__Host-guest"
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_the_secure_cookie_is_set_as_configured(app, course):
    app.config.update(GUEST_COOKIE_NAME="__Host-guest", SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.post(LESSON + "/complete", base_url="https://localhost")
    cookie = next(h for h in response.headers.getlist("Set-Cookie")
                  if h.startswith("__Host-guest="))
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
