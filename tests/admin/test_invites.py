"""Admins invite people in the browser: one by the People page's form, or many from a CSV file.
The invited person gets an emailed single-use link (written by a real worker), chooses a name
and password, and arrives signed in with the role and the courses the admin chose."""
import hashlib
import io
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from lms.admin.people import change_role
from lms.audit import AuditEvent
from lms.auth.models import EmailToken, Role, User
from lms.course_admin.services import create_course
from lms.courses.models import CourseStaff
from lms.extensions import db
from lms.models_base import utcnow
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import latest_email, link_in, published_tasks, running_worker, text_of

INVITE_TASK = "lms.admin.invite_mail.send_invitation"


@pytest.fixture
def worker(app):
    with running_worker(app):
        yield


@pytest.fixture
def admin(app, client, course):
    with app.app_context():
        admin_id = make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN).id
        create_course(admin_id, "second", "Second course", "Another one.", "")
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    return admin_id


def invite(client, email="tess@example.org", role="trainer", courses=("mini",), name="Tess"):
    return client.post("/admin/people/invite", data={"email": email, "role": role,
                                                     "courses": list(courses), "name": name})


def upload(client, content: bytes, filename="people.csv"):
    return client.post("/admin/people/invite-file",
                       data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def test_an_invited_trainer_sets_a_password_and_runs_exactly_their_course(
        app, client, admin, worker, caplog):
    caplog.set_level(logging.DEBUG)
    response = invite(client)
    assert response.status_code == 302
    assert "An invitation is on its way to tess@example.org" in text_of(
        client.get(response.headers["Location"]))
    email = latest_email(app)
    assert "To: tess@example.org" in email and "Ada Admin invited you" in email
    assert "a trainer" in email and "- Mini Course" in email and "Second course" not in email
    link = link_in(email, "/invite/")

    tess = app.test_client()
    page = text_of(tess.get(link))
    assert "tess@example.org" in page and 'value="Tess"' in tess.get(link).get_data(as_text=True)
    with app.app_context():  # opening the link (a mail scanner does) makes no account
        assert db.session.scalar(select(User).where(User.email == "tess@example.org")) is None
    response = tess.post(link, data={"name": "Tess Trainer", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/manage/"
    assert "Your account is ready" in text_of(tess.get("/manage/"))
    assert tess.get("/manage/mini/").status_code == 200
    assert tess.get("/manage/second/").status_code == 403

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "tess@example.org"))
        assert user.role is Role.TRAINER and user.name == "Tess Trainer"
        staffed = db.session.scalars(select(CourseStaff.course_id)
                                     .where(CourseStaff.user_id == user.id)).all()
        assert len(staffed) == 1
        token = db.session.scalar(select(EmailToken).where(EmailToken.purpose == "invite"))
        raw = link.rsplit("/", 1)[1]
        assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
        assert token.expires_at - token.created_at >= timedelta(days=7) - timedelta(minutes=1)
        invited = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invited"))
        assert invited.actor_id == admin and invited.detail == "as trainer; courses: mini"
        assert invited.target == "invitation tess@example.org"
    assert raw not in caplog.text  # the link is in the email only, never in a log
    log = text_of(client.get("/admin/audit"))
    assert "invited (invitation tess@example.org): as trainer; courses: mini" in log
    assert "Ada Admin (ada@example.org)" in log and "invitation accepted" in log


def test_an_invited_admin_lands_on_people_and_a_learner_on_my_learning(app, client, admin,
                                                                      worker):
    for number, (role, landing) in enumerate([("admin", "/admin/people"),
                                              ("learner", "/my-learning")]):
        invite(client, email=f"{role}@example.org", role=role, courses=())
        link = link_in(latest_email(app, after=number), "/invite/")
        response = app.test_client().post(link, data={"name": "New One", "password": PASSWORD})
        assert response.headers["Location"] == landing
        with app.app_context():
            assert db.session.scalar(select(User.role).where(
                User.email == f"{role}@example.org")) is Role(role)


def test_a_used_expired_or_replaced_link_says_so(app, client, admin, worker):
    invite(client)
    first = link_in(latest_email(app), "/invite/")
    invite(client)  # sent again: the newer link replaces the first
    second = link_in(latest_email(app, after=1), "/invite/")
    visitor = app.test_client()
    response = visitor.get(first)
    assert response.status_code == 410 and "no longer works" in text_of(response)
    assert visitor.post(second, data={"name": "Tess", "password": PASSWORD}).status_code == 302
    visitor.post("/logout")
    for response in (visitor.get(second), visitor.post(second, data={"name": "Tess",
                                                                     "password": PASSWORD})):
        assert response.status_code == 410 and "no longer works" in text_of(response)

    invite(client, email="late@example.org", role="learner", courses=())
    late = link_in(latest_email(app, after=2), "/invite/")
    with app.app_context():
        db.session.execute(update(EmailToken).where(EmailToken.email == "late@example.org")
                           .values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = visitor.get(late)
    assert response.status_code == 410 and "expired" in text_of(response)
    assert visitor.get("/invite/no-such-token").status_code == 410


def test_an_invitation_from_an_admin_since_demoted_makes_no_account(app, client, admin, worker):
    invite(client, email="root@example.org", role="admin", courses=())
    link = link_in(latest_email(app), "/invite/")
    with app.app_context():
        other = make_user("other@example.org", "Other Admin", PASSWORD, Role.ADMIN).id
        change_role(other, admin, Role.LEARNER)
    response = app.test_client().post(link, data={"name": "Root", "password": PASSWORD})
    assert response.status_code == 410
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "root@example.org")) is None


def test_the_finish_page_checks_the_name_and_password(app, client, admin, worker):
    invite(client)
    link = link_in(latest_email(app), "/invite/")
    response = app.test_client().post(link, data={"name": "", "password": "password123"})
    assert response.status_code == 400 and "too common" in text_of(response)
    assert app.test_client().post(link, data={"name": "Tess", "password": PASSWORD}
                                  ).status_code == 302  # the link was not used up


def test_an_address_with_an_account_is_not_invited_nor_changed(app, client, admin, learner):
    with published_tasks() as sent:
        response = invite(client, email="Learner@Example.org", role="admin", courses=())
    assert response.status_code == 409
    page = text_of(response)
    assert "already has an account" in page and "Open the page of the account" in page
    assert f"/admin/people/{learner}" in response.get_data(as_text=True)
    assert sent == []
    with app.app_context():
        assert db.session.get(User, learner).role is Role.LEARNER
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invited")) is None


@pytest.mark.parametrize(("data", "message"), [
    ({"email": "not an address", "role": "learner"}, "Enter a valid email address."),
    ({"email": "x@example.org", "role": "boss"}, "Not a valid choice"),
    ({"email": "x@example.org", "role": "learner", "courses": ["mini"]},
     "Only trainers are given courses"),
    ({"email": "x@example.org", "role": "trainer", "courses": ["nope"]}, "Unknown course “nope”"),
])
def test_a_bad_invitation_is_refused_with_the_reason(app, client, admin, data, message):
    with published_tasks() as sent:
        response = client.post("/admin/people/invite", data=data)
    assert response.status_code == 400 and message in text_of(response)
    assert sent == []


CSV = b"""email,name,role,courses
good@example.org,Gail Good,learner,
Trainer@Example.org,Tom Trainer,trainer,mini; second

not-an-email,Nobody,learner,
boss@example.org,,boss,
lost@example.org,,trainer,mini nope
learner@example.org,Lee,trainer,mini
good@example.org,Gail Again,learner,
"""


def test_a_csv_file_reports_what_became_of_each_row(app, client, admin, learner):
    with published_tasks() as sent:
        response = upload(client, CSV)
    assert response.status_code == 200
    page = text_of(response)
    assert "2 invitations are on their way" in page and "5 rows of 7 were not invited" in page
    for expected in ["2 good@example.org Invited", "3 trainer@example.org Invited",
                     "5 not-an-email Refused: This is not a valid email address.",
                     "6 boss@example.org Refused: Unknown role “boss”",
                     "7 lost@example.org Refused: Unknown course “nope”.",
                     "8 learner@example.org Already has an account: change its role",
                     "9 good@example.org Refused: This address is already invited above."]:
        assert expected in page
    assert sent == [INVITE_TASK, INVITE_TASK]
    with app.app_context():
        details = db.session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "invited").order_by(AuditEvent.id)).all()
        assert details == ["as learner", "as trainer; courses: mini second"]
        assert db.session.get(User, learner).role is Role.LEARNER


def test_a_spreadsheet_saved_with_semicolons_and_a_byte_order_mark_is_read(client, admin):
    response = upload(client, "\ufeffEmail;Role;Courses\nsam@example.org;trainer;mini\n"
                      .encode())
    assert response.status_code == 200 and "1 invitation is on its way" in text_of(response)


@pytest.mark.parametrize(("content", "filename", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "people.csv", "This file is not a CSV file"),
    (b"name,courses\nAl,mini\n", "people.csv", "The first row must name the columns"),
    (b"", "people.csv", "The file is empty"),
    (b"email,role\n", "people.csv", "no rows under its column names"),
    (b"email,role\n" + b"a@example.org,learner\n" * 1001, "people.csv", "more than 1000 rows"),
    (b"email,role\n" + b"a" * (1024 * 1024), "people.csv", "larger than 1 MB"),
    (b'email,role\n"a@example.org,learner\n' + b"x" * 200_000, "people.csv", "not a CSV"),
])
def test_a_file_that_is_not_the_csv_gets_a_clear_400(app, client, admin, content, filename,
                                                      message):
    with published_tasks() as sent:
        response = upload(client, content, filename)
    assert response.status_code == 400 and message in text_of(response)
    assert sent == []


def test_an_upload_with_no_file_is_a_400(client, admin):
    response = client.post("/admin/people/invite-file", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a CSV file." in text_of(response)


@pytest.mark.parametrize("role", [Role.LEARNER, Role.TRAINER])
def test_only_admins_can_invite(app, client, course, role):
    with app.app_context():
        make_user("someone@example.org", "Some One", PASSWORD, role)
    client.post("/login", data={"email": "someone@example.org", "password": PASSWORD})
    with published_tasks() as sent:
        assert invite(client).status_code == 404  # the admin area is nobody else's business
        assert upload(client, CSV).status_code == 404
    assert sent == []


class TestLimits:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "INVITATIONS_PER_DAY": 2, "INVITE_RATE_LIMIT": "2 per minute"}

    def test_invitations_are_limited_per_admin(self, client, admin):
        assert invite(client, email="one@example.org").status_code == 302
        upload_page = text_of(upload(client, b"email,role\ntwo@example.org,learner\n"
                                             b"three@example.org,learner\n"))
        assert "1 invitation is on its way" in upload_page
        assert "as many invitations as a day allows (2)" in upload_page
        response = invite(client, email="four@example.org")
        assert response.status_code == 400
        assert "as many invitations as a day allows" in text_of(response)
        assert invite(client, email="five@example.org").status_code == 429
