"""One-click unsubscribe (RFC 8058): opening the link only asks; a POST of
`List-Unsubscribe=One-Click` unsubscribes with no cookies and no CSRF token; a changed link is
a clear 404. CSRF protection is on here, as in production."""
import pytest

from lms.auth.models import User
from lms.extensions import db
from lms.reminders import meetings
from lms.reminders.models import MeetingKind
from lms.reminders.unsubscribe import Stream, unsubscribe_url
from tests.conftest import PASSWORD
from tests.helpers import CSRFClient, text_of
from tests.reminders.helpers import T0, new_learner, reminder_emails, run_batch


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def link_path(url: str) -> str:
    return url.split("127.0.0.1:5000", 1)[1]


def reminders_on(app, user_id) -> bool:
    with app.app_context():
        return db.session.get(User, user_id).reminder_emails


def test_the_emailed_link_asks_first_and_the_mail_clients_post_unsubscribes(app, course):
    browser = app.test_client()
    user_id = new_learner(app, CSRFClient(browser), "rae@example.org")
    run_batch(app, T0)
    [message] = reminder_emails(app)
    path = link_path(message["List-Unsubscribe"].strip("<>"))
    assert path in message.get_content()  # the same link is in the text

    scanner = app.test_client()
    page = scanner.get(path)
    assert page.status_code == 200
    assert "Stop these emails?" in text_of(page)
    assert reminders_on(app, user_id)  # a GET (a mail scanner) changes nothing

    mail_client = app.test_client()  # no cookies, no CSRF token: only the RFC 8058 body
    response = mail_client.post(path, data="List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "You are unsubscribed" in text_of(response)
    assert not reminders_on(app, user_id)
    again = mail_client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200  # twice is fine
    assert run_batch(app, T0.replace(year=2028)).course_reminders == 0


def test_the_confirm_button_on_the_page_sends_the_same_post(app, client, course):
    user_id = new_learner(app, CSRFClient(client), "rae@example.org")
    with app.app_context():
        path = link_path(unsubscribe_url(user_id, Stream.REMINDERS))
    html = client.get(path).get_data(as_text=True)
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not reminders_on(app, user_id)


def test_a_post_without_the_one_click_body_changes_nothing(app, client, course):
    user_id = new_learner(app, CSRFClient(client), "rae@example.org")
    with app.app_context():
        path = link_path(unsubscribe_url(user_id, Stream.REMINDERS))
    response = app.test_client().post(path, data={"something": "else"})
    assert response.status_code == 400
    assert "Unsubscribe" in text_of(response)
    assert reminders_on(app, user_id)


def test_a_changed_or_foreign_link_is_a_clear_404(app, client, course):
    user_id = new_learner(app, CSRFClient(client), "rae@example.org")
    with app.app_context():
        path = link_path(unsubscribe_url(user_id, Stream.REMINDERS))
    token = path.rsplit("/", 1)[1]
    payload, signature = token.split(".")
    tampered = f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{signature}"
    for bad in [tampered, token[:-3], "not-a-token", f"{payload}.{'x' * len(signature)}"]:
        for method in ("get", "post"):
            response = getattr(app.test_client(), method)(
                f"/unsubscribe/{bad}", data={"List-Unsubscribe": "One-Click"})
            assert response.status_code == 404, (bad, method)
            assert "This unsubscribe link is not complete or was changed" in text_of(response)
    assert reminders_on(app, user_id)


def test_the_meeting_link_turns_off_only_the_meeting_reminder(app, client, course):
    user_id = new_learner(app, CSRFClient(client), "rae@example.org")
    with app.app_context():
        meetings.save_meeting(user_id, T0.date().replace(day=3), MeetingKind.IEP, True,
                              T0.date())
        path = link_path(unsubscribe_url(user_id, Stream.MEETING))
    assert "your meeting with the school" in text_of(client.get(path))
    app.test_client().post(path, data={"List-Unsubscribe": "One-Click"})
    with app.app_context():
        assert meetings.meeting_plan(user_id).remind is False
    assert reminders_on(app, user_id)
    assert run_batch(app, T0).meeting_reminders == 0


def test_other_forms_still_need_their_csrf_token(app, client, course):
    new_learner(app, CSRFClient(client), "rae@example.org")
    CSRFClient(client).post("/login", data={"email": "rae@example.org", "password": PASSWORD})
    response = client.post("/my-learning/meeting", data={"meeting_on": "2030-01-01",
                                                         "kind": "iep"})
    assert response.status_code == 400 and "This form expired" in text_of(response)


def test_a_deleted_accounts_link_does_not_unsubscribe_the_next_account_given_its_id(
        app, client, course):
    """I3: SQLite gives a new account the highest free id again; an old link names only the
    id, so it must also name the account it was sent to."""
    dave_id = new_learner(app, CSRFClient(client), "dave@example.org")
    with app.app_context():
        path = link_path(unsubscribe_url(dave_id, Stream.REMINDERS))
        db.session.delete(db.session.get(User, dave_id))
        db.session.commit()
        erin = User(id=dave_id, email="erin@example.org", name="Erin", password_hash="x",
                    session_token="erin-token", reminder_emails=True)
        db.session.add(erin)
        db.session.commit()
    response = app.test_client().post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404
    assert reminders_on(app, dave_id)  # Erin still gets the reminders she chose
    with app.app_context():
        erins_own = link_path(unsubscribe_url(dave_id, Stream.REMINDERS))
    assert app.test_client().post(erins_own,
                                  data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not reminders_on(app, dave_id)
