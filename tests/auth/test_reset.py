"""Password reset by an emailed link that expires and works once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from lms import create_app
from lms.auth.models import EmailToken
from lms.auth.services import RESET, user_by_email
from lms.auth.tasks import purge_expired_email_links
from lms.auth.tokens import issue_token
from lms.extensions import db
from lms.models_base import utcnow
from tests.conftest import PASSWORD
from tests.helpers import (
    emails_written,
    latest_email,
    link_in,
    production_environment,
    published_tasks,
    text_of,
)
from tests.test_query_counts import count_queries

NEW_PASSWORD = "a brand new passphrase"


def request_reset(client, email="learner@example.org"):
    return client.post("/reset", data={"email": email})


def test_reset_link_changes_the_password_once(app, client, auth, learner, course, worker):
    page = text_of(request_reset(client))
    assert "If there is an account for learner@example.org" in page
    link = link_in(latest_email(app), "/reset/")
    response = client.post(
        link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow_redirects=True
    )
    assert "Your password is changed." in text_of(response)
    auth.logout()
    assert auth.login(password=NEW_PASSWORD).status_code == 302
    auth.logout()
    assert auth.login().status_code == 400  # the old password no longer works

    again = client.post(
        link,
        data={"password": "another passphrase!", "confirm": "another passphrase!"},
        follow_redirects=True,
    )
    assert "expired or was already used" in text_of(again)


def test_reset_for_unknown_email_looks_the_same_and_sends_nothing(app, client, learner, course,
                                                                  worker):
    page = text_of(request_reset(client, "nobody@example.org"))
    assert "If there is an account for nobody@example.org" in page
    request_reset(client)  # queued after the unknown one: once its email is out, both are done
    assert "To: learner@example.org" in latest_email(app)
    assert emails_written(app) == 1


def test_a_reset_request_does_the_same_work_whoever_the_address_belongs_to(app, client,
                                                                           learner, course):
    """Response time must not tell which emails have accounts (F5): the page only queues a job,
    and the worker decides whether there is anyone to write to."""
    work = {}
    for email in ["learner@example.org", "nobody@example.org"]:
        with count_queries(app) as statements, published_tasks() as tasks:
            assert request_reset(client, email).status_code == 200
        work[email] = (statements, tasks)
    assert work["learner@example.org"] == work["nobody@example.org"] == \
        ([], ["lms.auth.account_mail.send_reset_link"])
    assert emails_written(app) == 0
    with app.app_context():
        assert db.session.scalar(select(func.count(EmailToken.id))) == 0


def test_expired_reset_link_is_refused(app, client, auth, learner, course, worker):
    request_reset(client)
    link = link_in(latest_email(app), "/reset/")
    with app.app_context():
        db.session.execute(update(EmailToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = client.post(
        link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow_redirects=True
    )
    assert "expired or was already used" in text_of(response)
    assert auth.login().status_code == 302


def test_reset_form_checks_the_passwords(app, client, learner, course, worker):
    request_reset(client)
    link = link_in(latest_email(app), "/reset/")
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": "different one"})
    assert response.status_code == 400
    assert "The two passwords do not match." in text_of(response)


def test_password_change_ends_other_sessions(app, client, auth, learner, course, worker):
    other = app.test_client()
    other.post("/login", data={"email": "learner@example.org", "password": "correct horse battery"})
    assert other.get("/my-learning").status_code == 200
    request_reset(client)
    client.post(
        link_in(latest_email(app), "/reset/"),
        data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert other.get("/my-learning").status_code == 302


def test_emailed_links_ignore_a_forged_host_header(app, client, learner, course, worker):
    client.post("/reset", data={"email": "learner@example.org"},
                headers={"Host": "evil.example"})
    email = latest_email(app)
    assert "evil.example" not in email
    assert f"{app.config['PUBLIC_BASE_URL']}/reset/" in email


def test_production_refuses_requests_for_other_hosts(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    production = create_app()
    client = production.test_client()
    assert client.get("/accessibility", base_url="https://evil.example").status_code == 400
    assert client.get("/accessibility", base_url="https://course.example.org").status_code == 200


def test_a_reset_ends_every_other_reset_link(app, client, auth, learner, course, worker):
    request_reset(client)
    first = link_in(latest_email(app), "/reset/")
    request_reset(client)
    second = link_in(latest_email(app, after=1), "/reset/")
    client.post(second, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    auth.logout()
    again = client.post(first, data={"password": "another passphrase!",
                                     "confirm": "another passphrase!"}, follow_redirects=True)
    assert "expired or was already used" in text_of(again)


def test_used_and_expired_links_are_purged(app, client, learner, course, worker):
    request_reset(client)
    request_reset(client)
    link = link_in(latest_email(app, after=1), "/reset/")
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})  # both now used
    request_reset(client)  # still usable: kept
    latest_email(app, after=2)
    with app.app_context():
        assert purge_expired_email_links() == 2
        assert db.session.scalar(select(func.count(EmailToken.id))) == 1


def _pending_reset_link(app) -> str:
    with app.app_context():
        raw = issue_token(RESET, "learner@example.org", 3600,
                          user_id=user_by_email("learner@example.org").id)
        db.session.commit()
    return f"/reset/{raw}"


@pytest.mark.parametrize("securing_step", ["change password", "log out everywhere"])
def test_securing_the_account_ends_the_reset_links_still_in_the_inbox(
        app, client, auth, learner, course, securing_step):
    """N6: someone who changes their password or logs out everywhere, fearing a stolen
    mailbox, must not leave a reset link working for whoever read it."""
    link = _pending_reset_link(app)
    auth.login()
    if securing_step == "change password":
        assert client.post("/profile/password", data={
            "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
        }).status_code == 302
    else:
        assert client.post("/profile/log-out-everywhere").status_code == 302
    attacker = app.test_client()
    response = attacker.post(link, data={"password": "Attacker-Chose-Th1s",
                                         "confirm": "Attacker-Chose-Th1s"},
                             follow_redirects=True)
    assert "That link has expired or was already used." in text_of(response)
    assert attacker.get("/my-learning").status_code == 302
    assert attacker.post("/login", data={"email": "learner@example.org",
                                         "password": "Attacker-Chose-Th1s"}).status_code == 400
