"""The one reminder two days before a meeting: its date and what is still unread; once; never
when the meeting was removed or the reminder turned off. Run on a fixed clock."""
from datetime import timedelta

from lms.extensions import db
from lms.reminders import meetings
from lms.reminders.models import MeetingKind
from lms.reminders.sending import _claim_meeting_reminder, due_meeting_reminders
from tests.reminders.helpers import DAY, T0, new_learner, reminder_emails, run_batch, set_user

TODAY = T0.date()


def learner(app, client, address: str) -> int:
    """A learner with a meeting only (no course reminders chosen)."""
    return new_learner(app, client, address, reminders=False)


def plan_meeting(app, user_id, days_ahead: int, remind=True, kind=MeetingKind.IEP):
    with app.app_context():
        meetings.save_meeting(user_id, TODAY + timedelta(days=days_ahead), kind, remind, TODAY)


def test_it_goes_two_days_before_once_with_the_date_and_what_is_unread(app, client, course):
    user_id = learner(app, client, "rae@example.org")
    plan_meeting(app, user_id, 5)
    sent = [run_batch(app, T0 + days * DAY).meeting_reminders for days in (0, 2, 3, 3, 4, 5)]
    assert sent == [0, 0, 1, 0, 0, 0]
    [message] = reminder_emails(app)
    assert message["Subject"] == "Your IEP meeting is in 2 days"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.get_content()
    assert "Your IEP meeting is in 2 days: Saturday, March 6, 2027." in body
    unread = body.split("Still to read before it:")[1].split("To print and bring:")[0]
    assert "Act now: http://127.0.0.1:5000/courses/mini/lessons/act-now" in unread
    assert "First lesson" not in unread  # done before the reminder
    assert "The checklist: http://127.0.0.1:5000/courses/mini/resources/checklist" in body


def test_a_meeting_set_for_tomorrow_still_gets_its_reminder(app, client, course):
    user_id = learner(app, client, "rae@example.org")
    plan_meeting(app, user_id, 1, kind=MeetingKind.SECTION_504)
    assert run_batch(app, T0).meeting_reminders == 1
    assert reminder_emails(app)[0]["Subject"] == "Your 504 meeting is tomorrow"


def test_none_when_turned_off_removed_or_the_account_is_deactivated(app, client, course):
    off = learner(app, client, "off@example.org")
    plan_meeting(app, off, 2, remind=False)
    removed = learner(app, client, "removed@example.org")
    plan_meeting(app, removed, 2)
    with app.app_context():
        assert meetings.remove_meeting(removed)
    deactivated = learner(app, client, "gone@example.org")
    plan_meeting(app, deactivated, 2)
    set_user(app, deactivated, active=False)
    assert run_batch(app, T0).meeting_reminders == 0


def test_a_new_date_gets_a_new_reminder_and_a_stale_claim_sends_nothing(app, client, course):
    user_id = learner(app, client, "rae@example.org")
    plan_meeting(app, user_id, 2)
    with app.app_context():
        [stale] = due_meeting_reminders(TODAY, 10)
        db.session.expunge(stale)
    assert run_batch(app, T0).meeting_reminders == 1
    with app.app_context():
        assert _claim_meeting_reminder(stale, T0) is False  # a second worker, too late
        db.session.rollback()
    plan_meeting(app, user_id, 9)  # the meeting moved: its own reminder, a week on
    assert run_batch(app, T0 + DAY).meeting_reminders == 0
    assert run_batch(app, T0 + 7 * DAY).meeting_reminders == 1
    assert len(reminder_emails(app)) == 2
