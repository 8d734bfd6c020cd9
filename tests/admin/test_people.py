"""Admins manage people in the browser: find, see, change role, deactivate, with an audit log;
the last active admin stays."""
import pytest
from sqlalchemy import select

from lms.audit import AuditEvent
from lms.auth.models import Role, User
from lms.extensions import db
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


@pytest.fixture
def admin(app, client):
    with app.app_context():
        admin_id = make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN).id
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    return admin_id


def user(app, user_id) -> User:
    with app.app_context():
        return db.session.get(User, user_id)


def test_find_by_email_or_name_and_see_progress_and_certificates(app, course, learner, admin):
    learner_client = app.test_client()
    learner_client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, learner_client)
    code = certificates(app)[0].code
    client = app.test_client()
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    for search in ("learner@EXAMPLE", "Lee Lea"):
        page = text_of(client.get(f"/admin/people?q={search}"))
        assert "Lee Learner" in page and "learner@example.org" in page
    assert "Lee Learner" not in text_of(client.get("/admin/people?q=nobody%25"))
    page = text_of(client.get(f"/admin/people/{learner}"))
    assert "Completed the course." in page and code in page and "Learner" in page


def test_change_role_is_audited(app, client, learner, admin):
    response = client.post(f"/admin/people/{learner}/role", data={"role": "trainer"})
    assert response.status_code == 302
    assert user(app, learner).role is Role.TRAINER
    log = text_of(client.get("/admin/audit"))
    assert "Ada Admin (ada@example.org)" in log and "role changed: learner to trainer" in log
    assert "Lee Learner (learner@example.org)" in log
    with app.app_context():
        event = db.session.scalar(select(AuditEvent))
        assert (event.actor_id, event.subject_id) == (admin, learner) and event.at is not None


@pytest.mark.parametrize("role", ["superuser", "", "ADMIN"])
def test_a_garbled_role_is_refused(app, client, learner, admin, role):
    response = client.post(f"/admin/people/{learner}/role", data={"role": role})
    assert response.status_code == 400 and "Not a valid choice" in text_of(response)
    assert user(app, learner).role is Role.LEARNER


def test_unknown_people_and_garbled_requests(client, admin):
    assert client.get("/admin/people/999999").status_code == 404
    assert client.post("/admin/people/999999/role", data={"role": "admin"}).status_code == 404
    assert client.post("/admin/people/999999/active", data={"active": "no"}).status_code == 404
    assert client.post(f"/admin/people/{admin}/active", data={"active": "maybe"}).status_code == 400
    assert client.get("/admin/people/99999999999999999999").status_code == 404


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(app, client, admin):
    response = client.post(f"/admin/people/{admin}/role", data={"role": "learner"})
    assert response.status_code == 409 and "last active admin" in text_of(response)
    response = client.post(f"/admin/people/{admin}/active", data={"active": "no"})
    assert response.status_code == 409 and "last active admin" in text_of(response)
    assert user(app, admin).role is Role.ADMIN and user(app, admin).active
    with app.app_context():
        second = make_user("bo@example.org", "Bo Admin", PASSWORD, Role.ADMIN).id
    assert client.post(f"/admin/people/{second}/active", data={"active": "no"}).status_code == 302
    # The other admin is deactivated: this one is the last active admin again.
    assert client.post(f"/admin/people/{admin}/role",
                       data={"role": "trainer"}).status_code == 409


def test_deactivated_account_cannot_log_in_and_its_certificate_still_verifies(
        app, course, learner, admin):
    learner_client = app.test_client()
    learner_client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, learner_client)
    code = certificates(app)[0].code
    admin_client = app.test_client()
    admin_client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert admin_client.post(f"/admin/people/{learner}/active",
                             data={"active": "no"}).status_code == 302
    # The session it had ends at once.
    assert learner_client.get("/my-learning").status_code == 302
    refused = app.test_client().post("/login", data={"email": "learner@example.org",
                                                     "password": PASSWORD})
    assert refused.status_code == 403 and "has been deactivated" in text_of(refused)
    # A wrong password says nothing about the account's state (no enumeration).
    wrong = app.test_client().post("/login", data={"email": "learner@example.org",
                                                   "password": "not the password"})
    assert "deactivated" not in text_of(wrong)
    verify = text_of(app.test_client().get(f"/verify/{code}"))
    assert "Valid. This certificate was issued by Test Org and has not been revoked." in verify
    assert admin_client.post(f"/admin/people/{learner}/active",
                             data={"active": "yes"}).status_code == 302
    back = app.test_client().post("/login", data={"email": "learner@example.org",
                                                  "password": PASSWORD})
    assert back.status_code == 302
    log = text_of(admin_client.get("/admin/audit"))
    assert "deactivated" in log and "reactivated" in log


def test_trainers_and_learners_never_reach_the_people_pages(app, client, learner):
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    client.post("/login", data={"email": "tess@example.org", "password": PASSWORD})
    for url in ("/admin/people", f"/admin/people/{learner}", "/admin/audit"):
        assert client.get(url).status_code == 404
    assert client.post(f"/admin/people/{learner}/role",
                       data={"role": "admin"}).status_code == 404
