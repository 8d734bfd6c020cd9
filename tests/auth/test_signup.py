"""Sign-up by emailed link, without revealing which addresses have accounts."""
from sqlalchemy import func, select

from lms.auth.models import User
from lms.extensions import db
from tests.conftest import PASSWORD
from tests.helpers import latest_email, lesson_id, link_in, text_of


def signup(client, email="new@example.org", **extra):
    data = {"name": "Nia New", "email": email, "password": PASSWORD, **extra}
    return client.post("/signup", data=data)


def test_signup_sends_a_link_that_creates_the_account_and_logs_in(app, client, course):
    response = signup(client, email="New@Example.org ")
    assert response.status_code == 200
    assert "Check your email" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0

    link = link_in(latest_email(app), "/signup/")
    assert "Finish creating your account" in text_of(client.get(link))
    with app.app_context():  # opening the link (a mail scanner does) creates nothing
        assert db.session.scalar(select(func.count(User.id))) == 0
    response = client.post(link, follow_redirects=True)
    assert "Your account is ready" in text_of(response)
    assert "My learning" in text_of(response)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "new@example.org" and user.name == "Nia New"
        assert user.password_hash.startswith("$argon2id$")


def test_signup_link_works_once(app, client, course):
    signup(client)
    link = link_in(latest_email(app), "/signup/")
    client.get(link)
    client.post(link)
    client.post("/logout")
    assert "expired or was already used" in text_of(client.get(link, follow_redirects=True))
    assert "expired or was already used" in text_of(client.post(link, follow_redirects=True))
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1


def test_signup_with_a_taken_email_looks_the_same_and_warns_the_owner(app, client, learner):
    response = signup(client, email="learner@example.org")
    assert response.status_code == 200
    assert "Check your email" in text_of(response)
    email = latest_email(app)
    assert "already has an account" in email
    assert "/signup/" not in email


def test_signup_records_the_lesson_the_visitor_wanted_to_complete(app, client, course):
    signup(client, next="/lessons/first-lesson", complete="first-lesson")
    response = client.post(link_in(latest_email(app), "/signup/"), follow_redirects=True)
    assert response.request.path == "/lessons/first-lesson"
    assert "This lesson is marked as complete" in text_of(response)


def test_signup_rejects_bad_input_with_messages(client, course):
    response = client.post("/signup", data={"name": "", "email": "not-an-email",
                                            "password": "short"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Enter a valid email address." in page
    assert "Use at least 8 characters." in page
    assert "This field is required." in page


def test_signup_refuses_common_and_overlong_passwords(client, course):
    page = text_of(signup(client, password="password123"))
    assert "too common" in page
    response = signup(client, password="x" * 129, name="N" * 121)
    assert response.status_code == 400
    assert "at most 128 characters" in text_of(response)


def test_signup_next_must_be_a_local_path(app, client, course):
    signup(client, next="https://evil.example/")
    response = client.post(link_in(latest_email(app), "/signup/"))
    assert response.headers["Location"] == "/my-learning"


def test_lesson_to_complete_on_arrival_can_be_unknown(app, client, course):
    signup(client, complete="no-such-lesson")
    response = client.post(link_in(latest_email(app), "/signup/"))
    assert response.status_code == 302
    assert lesson_id(app, "no-such-lesson") is None
