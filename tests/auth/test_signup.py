"""Sign-up by emailed link, without revealing which addresses have accounts; the password is
chosen by whoever opens the link, so asking for someone else's address gains nothing."""
from sqlalchemy import func, select

from lms.auth.models import User
from lms.extensions import db
from tests.conftest import PASSWORD
from tests.helpers import emails_written, latest_email, lesson_id, link_in, text_of


def signup(client, email="new@example.org", **extra):
    return client.post("/signup", data={"email": email, **extra})


def finish(client, link, name="Nia New", password=PASSWORD, **kwargs):
    return client.post(link, data={"name": name, "password": password}, **kwargs)


def test_signup_sends_a_link_that_creates_the_account_and_logs_in(app, client, course, worker):
    response = signup(client, email="New@Example.org ")
    assert response.status_code == 200
    assert "Check your email" in text_of(response)
    link = link_in(latest_email(app), "/signup/")
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0

    page = text_of(client.get(link))
    assert "Finish creating your account" in page and "new@example.org" in page
    with app.app_context():  # opening the link (a mail scanner does) creates nothing
        assert db.session.scalar(select(func.count(User.id))) == 0
    response = finish(client, link, follow_redirects=True)
    assert "Your account is ready" in text_of(response)
    assert "My learning" in text_of(response)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "new@example.org" and user.name == "Nia New"
        assert user.password_hash.startswith("$argon2id$")


def test_whoever_asks_for_a_sign_up_cannot_choose_the_password(app, client, course, worker):
    """Pre-hijacking: someone asks for a sign-up for the parent's address, with a password
    and a name of their choosing; the parent then follows the link."""
    attacker = app.test_client()
    attacker.post("/signup", data={"email": "parent@example.org", "password": "Attacker-Kn0ws",
                                   "name": "Visit http://evil.example/claim now"})
    email = latest_email(app)
    assert "evil.example" not in email and "Visit" not in email

    parent = app.test_client()
    finish(parent, link_in(email, "/signup/"), name="Pat Parent", password="the parent's own")
    assert attacker.post("/login", data={"email": "parent@example.org",
                                         "password": "Attacker-Kn0ws"}).status_code == 400
    assert parent.post("/login", data={"email": "parent@example.org",
                                       "password": "the parent's own"}).status_code == 302


def test_the_finish_page_checks_name_and_password_and_keeps_the_link(app, client, course,
                                                                     worker):
    signup(client)
    link = link_in(latest_email(app), "/signup/")
    response = finish(client, link, name="", password="password123")
    assert response.status_code == 400
    page = text_of(response)
    assert "too common" in page and "This field is required." in page
    assert finish(client, link).status_code == 302  # the link was not used up


def test_signup_link_works_once(app, client, course, worker):
    signup(client)
    link = link_in(latest_email(app), "/signup/")
    client.get(link)
    finish(client, link)
    client.post("/logout")
    assert "expired or was already used" in text_of(client.get(link, follow_redirects=True))
    assert "expired or was already used" in text_of(finish(client, link, follow_redirects=True))
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1


def test_signup_with_a_taken_email_looks_the_same_and_warns_the_owner(app, client, learner,
                                                                      worker):
    response = signup(client, email="learner@example.org")
    assert response.status_code == 200
    assert "Check your email" in text_of(response)
    email = latest_email(app)
    assert "already has an account" in email
    assert "/signup/" not in email


def test_signup_records_the_lesson_the_visitor_wanted_to_complete(app, client, course, worker):
    signup(client, next="/courses/mini/lessons/first-lesson", complete="mini/first-lesson")
    response = finish(client, link_in(latest_email(app), "/signup/"), follow_redirects=True)
    assert response.request.path == "/courses/mini/lessons/first-lesson"
    assert "This lesson is marked as complete" in text_of(response)


def test_signup_rejects_a_bad_address_with_a_message(app, client, course):
    response = client.post("/signup", data={"email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter a valid email address." in text_of(response)
    assert emails_written(app) == 0


def test_the_finish_page_refuses_overlong_passwords_and_names(app, client, course, worker):
    signup(client)
    response = finish(client, link_in(latest_email(app), "/signup/"), name="N" * 121,
                      password="x" * 129)
    assert response.status_code == 400
    assert "at most 128 characters" in text_of(response)


def test_signup_next_must_be_a_local_path(app, client, course, worker):
    signup(client, next="https://evil.example/")
    response = finish(client, link_in(latest_email(app), "/signup/"))
    assert response.headers["Location"] == "/my-learning"


def test_lesson_to_complete_on_arrival_can_be_unknown(app, client, course, worker):
    signup(client, complete="mini/no-such-lesson")
    response = finish(client, link_in(latest_email(app), "/signup/"))
    assert response.status_code == 302
    assert lesson_id(app, "no-such-lesson") is None
