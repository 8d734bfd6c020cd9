"""The reminder batch as production runs it: a real Celery worker runs the beat task, which
hands each email to the SMTP task, and a real SMTP server receives them with their RFC 8058
headers."""
import email
import email.policy
from datetime import timedelta

from lms.models_base import utcnow
from lms.reminders import meetings
from lms.reminders.models import MeetingKind
from lms.reminders.tasks import send_reminders
from tests.helpers import running_worker, wait_for
from tests.reminders.helpers import last_active, new_learner


def test_the_worker_sends_the_due_reminders_over_smtp_with_unsubscribe_headers(
        app, client, course, inbox):
    course_learner = new_learner(app, client, "rae@example.org")
    last_active(app, course_learner, utcnow() - timedelta(days=8))
    meeting_learner = new_learner(app, app.test_client(), "mo@example.org", reminders=False)
    with app.app_context():
        meetings.save_meeting(meeting_learner, meetings.today() + timedelta(days=2),
                              MeetingKind.INCIDENT, True, meetings.today())
    assert inbox.messages == []  # nothing is sent from a request

    with running_worker(app):
        send_reminders.delay()
        received = wait_for(lambda: len(inbox.messages) >= 2 and inbox.messages, timeout=30)
    by_recipient = {rcpt[0]: email.message_from_string(data, policy=email.policy.default)
                    for rcpt, data in received}
    assert set(by_recipient) == {"rae@example.org", "mo@example.org"}
    reminder, meeting = by_recipient["rae@example.org"], by_recipient["mo@example.org"]
    assert reminder["Subject"] == "Pick up where you left off: Mini Course"
    assert "  Second lesson\n  http://127.0.0.1:5000/courses/mini/lessons/second-lesson" in \
        reminder.get_content().replace("\r\n", "\n")
    assert meeting["Subject"] == "Your meeting about an incident is in 2 days"
    for message in (reminder, meeting):
        unsubscribe = message["List-Unsubscribe"]
        assert unsubscribe.startswith("<http://127.0.0.1:5000/unsubscribe/")
        assert unsubscribe.endswith(">") and unsubscribe.strip("<>") in message.get_content()
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Run again: each was claimed once, so nothing more arrives.
    with running_worker(app):
        result = send_reminders.apply().get()
    assert result == {"course": 0, "meeting": 0}
    assert len(inbox.messages) == 2
