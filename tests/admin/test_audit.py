"""The audit log (security review N10): every admin and trainer change that others see is in it
with its author, and an entry keeps its author after that account is deleted."""
from html import unescape

from sqlalchemy import select

from lms.audit import AuditEvent
from lms.auth.models import Role
from lms.extensions import db
from tests.authoring.helpers import edit_lesson, publish
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


def _browser(app, email, password=PASSWORD):
    browser = app.test_client()
    assert browser.post("/login", data={"email": email, "password": password}).status_code == 302
    return browser


def _log(app, email="ada@example.org") -> str:
    return unescape(text_of(_browser(app, email).get("/admin/audit")))


def test_an_entry_keeps_its_author_after_the_author_deletes_their_account(app, learner):
    """Before: the entry said "a deleted account" (its actor_id nulled, nothing else kept)."""
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        make_user("bo@example.org", "Bo Boss", PASSWORD, Role.ADMIN)
    ada = _browser(app, "ada@example.org")
    assert ada.post(f"/admin/people/{learner}/role", data={"role": "trainer"}).status_code == 302
    assert ada.post("/profile/delete", data={"password": PASSWORD}).status_code == 302
    log = _log(app, "bo@example.org")
    assert "Ada Admin (ada@example.org) (account since deleted) role changed: learner to " \
           "trainer Lee Learner (learner@example.org)" in log
    with app.app_context():
        event = db.session.scalar(select(AuditEvent))
        assert event.actor_id is None and event.actor_account is not None


def test_publishing_is_recorded_with_the_trainer(app, course):
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    trainer = _browser(app, "trainer@example.org")
    edit_lesson(trainer, "second-lesson", 0, body="The law changed in 2026.")
    publish(trainer)
    assert ("Tess Trainer (trainer@example.org) course published (course mini): "
            "edition 1") in _log(app)


def test_an_import_from_the_command_line_is_recorded(app, runner, course):
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    assert runner.invoke(args=["content", "import", str(MINI_COURSE)]).exit_code == 0
    assert ("the command line (on the server) course imported (course mini): "
            "edition 1") in _log(app)


def test_an_account_made_on_the_command_line_is_recorded(app, runner):
    result = runner.invoke(args=["users", "create", "ada@example.org", "--name", "Ada Admin",
                                 "--role", "admin"], input="a long admin passphrase\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action)) == "account created"
    log = unescape(text_of(_browser(app, "ada@example.org", "a long admin passphrase")
                           .get("/admin/audit")))
    assert "the command line (on the server) account created: admin Ada Admin" in log
