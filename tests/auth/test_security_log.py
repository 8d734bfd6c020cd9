"""Security events reach the application log as structured records: which event, which
account (by id), from which address; never a password or an emailed link's token."""
import logging

import pytest

from lms.auth.services import RESET, user_by_email
from lms.auth.tokens import issue_token
from lms.extensions import db
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"
ADDRESS = {"environ_base": {"REMOTE_ADDR": "10.9.8.7"}}


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="lms.security")

    def recorded() -> list[dict]:
        return [record.security_event for record in caplog.records
                if record.name == "lms.security"]
    return recorded


def _learner_id(app) -> int:
    with app.app_context():
        return user_by_email("learner@example.org").id


def test_log_ins_failures_and_lockouts_are_logged_with_account_and_address(
        app, client, learner, course, events):
    user_id = _learner_id(app)
    for email, password in [("learner@example.org", "wrong guess"),
                            ("nobody@example.org", "wrong guess"),
                            ("learner@example.org", PASSWORD)]:
        client.post("/login", data={"email": email, "password": password}, **ADDRESS)
    assert events() == [
        {"event": "login_failed", "user_id": user_id, "address": "10.9.8.7"},
        {"event": "login_failed", "user_id": None, "address": "10.9.8.7"},
        {"event": "login_succeeded", "user_id": user_id, "address": "10.9.8.7"},
    ]
    attacker = app.test_client()
    for n in range(11):
        attacker.post("/login", data={"email": "learner@example.org", "password": f"g{n}"},
                      environ_base={"REMOTE_ADDR": f"10.1.1.{n + 1}"})
    assert events()[-1] == {"event": "locked_out", "user_id": user_id, "address": "10.1.1.11",
                            "where": "auth.login"}


def test_password_changes_resets_and_log_out_everywhere_are_logged(
        app, client, learner, course, events, caplog):
    user_id = _learner_id(app)
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD},
                **ADDRESS)
    client.post("/profile/password", data={"current": PASSWORD, "password": NEW_PASSWORD,
                                           "confirm": NEW_PASSWORD}, **ADDRESS)
    client.post("/profile/log-out-everywhere", **ADDRESS)
    with app.app_context():
        raw = issue_token(RESET, "learner@example.org", 3600, user_id=user_id)
        db.session.commit()
    app.test_client().post(f"/reset/{raw}", data={"password": PASSWORD, "confirm": PASSWORD},
                           **ADDRESS)
    assert [event["event"] for event in events()] == [
        "login_succeeded", "password_changed", "logged_out_everywhere", "password_reset"]
    assert all(event["user_id"] == user_id and event["address"] == "10.9.8.7"
               for event in events())
    logged = "\n".join(f"{record.getMessage()} {vars(record)}" for record in caplog.records)
    for secret in (PASSWORD, NEW_PASSWORD, raw):
        assert secret not in logged
