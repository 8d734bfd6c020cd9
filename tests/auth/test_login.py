"""Logging in and out, remember me, rate limits, and a fresh session at log-in."""
import re

import pytest
from sqlalchemy import func, select

from lms.extensions import db, limiter
from lms.progress.models import LessonCompletion
from tests.conftest import PASSWORD
from tests.helpers import text_of


def test_login_goes_to_my_learning(client, auth, learner, course):
    response = auth.login()
    assert response.headers["Location"] == "/my-learning"
    assert "My learning" in text_of(client.get("/my-learning"))


@pytest.mark.parametrize("email,password", [
    ("learner@example.org", "wrong password"),
    ("nobody@example.org", PASSWORD),
])
def test_wrong_email_or_password_gets_the_same_message(client, auth, learner, course,
                                                       email, password):
    response = auth.login(email=email, password=password)
    assert response.status_code == 400
    assert "The email address or password is not right." in text_of(response)
    assert client.get("/my-learning").status_code == 302


def test_email_is_case_insensitive(client, auth, learner, course):
    assert auth.login(email="  Learner@Example.ORG ").status_code == 302


def test_logout_ends_the_session(client, auth, learner, course):
    auth.login()
    response = auth.logout()
    assert response.headers["Location"] == "/"
    assert client.get("/my-learning").headers["Location"].startswith("/login")


def test_logout_needs_post(client, auth, learner, course):
    auth.login()
    assert client.get("/logout").status_code == 405


def test_login_renews_the_session(client, auth, learner, course):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    auth.login()
    with client.session_transaction() as session:
        assert "planted" not in session


def test_remember_me_sets_a_lasting_httponly_cookie(client, auth, learner, course):
    response = auth.login(remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "Expires=" in remember
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session


def test_login_next_accepts_only_local_paths(client, auth, learner, course):
    assert auth.login(next="/courses/mini/lessons/later").headers[
        "Location"] == "/courses/mini/lessons/later"
    auth.logout()
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example"]:
        assert auth.login(next=target).headers["Location"] == "/my-learning"
        auth.logout()


def test_login_is_rate_limited(client, auth, learner, course):
    statuses = [auth.login(password="wrong").status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert "Too many attempts" in text_of(auth.login())


def test_login_page_explains_pending_completion(client, course):
    page = text_of(client.get(
        "/login?next=/courses/mini/lessons/first-lesson&complete=mini/first-lesson"))
    assert "we will mark the lesson as complete for you" in page


def test_signup_and_reset_are_rate_limited_too(client, course):
    for url, data in [("/signup", {"name": "A", "email": "a@example.org", "password": "short"}),
                      ("/reset", {"email": "not-an-email"})]:
        statuses = [client.post(url, data=data).status_code for _ in range(11)]
        assert statuses[-1] == 429, url
        assert 429 not in statuses[:10], url


def test_rate_limit_storage_is_the_configured_one(app):
    """In CI the suite runs with TEST_REDIS_URL, so the limits above were counted in Redis."""
    expected = "redis" if app.config["RATELIMIT_STORAGE_URI"].startswith("redis") else "memory"
    with app.app_context():
        assert type(limiter.storage).__name__.lower().startswith(expected)


def _hidden_complete(page) -> str:
    match = re.search(r'name="complete"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="complete"',
                      page.get_data(as_text=True))
    return (match.group(1) or match.group(2) or "") if match else ""


def test_a_login_link_from_another_site_cannot_choose_a_lesson_to_complete(
        app, client, auth, learner, course):
    """I2: only this site's "Mark as complete" page may ask the log-in to record a lesson; a
    crafted link elsewhere gets an ordinary log-in."""
    page = client.get("/login?next=/courses/mini/lessons/first-lesson&complete=mini/first-lesson",
                      headers={"Sec-Fetch-Site": "cross-site"})
    assert _hidden_complete(page) == ""
    assert "we will mark the lesson as complete for you" not in text_of(page)
    auth.login(next="/courses/mini/lessons/first-lesson", complete=_hidden_complete(page))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 0
    auth.logout()
    ours = client.get("/login?next=/courses/mini/lessons/first-lesson&complete=mini/first-lesson",
                      headers={"Sec-Fetch-Site": "same-origin"})
    assert _hidden_complete(ours) == "mini/first-lesson"
