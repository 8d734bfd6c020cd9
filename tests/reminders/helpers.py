"""Learners at a chosen point in time, and the reminder emails the outbox holds."""
import email
import email.policy
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from lms.auth.models import User
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt
from lms.reminders.sending import send_due_reminders
from tests.conftest import PASSWORD
from tests.factories import make_user

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # the fixed clock the reminder tests run on
DAY = timedelta(days=1)


def outbox(app) -> list[email.message.EmailMessage]:
    files = sorted(Path(app.config["OUTBOX_DIR"]).glob("*.eml"))
    return [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
            for f in files]


def reminder_emails(app, to: str | None = None) -> list:
    return [m for m in outbox(app) if "List-Unsubscribe" in m and (to is None or m["To"] == to)]


def new_learner(app, client, email_address: str, *, reminders: bool = True,
                done=("first-lesson",)) -> int:
    """A learner who chose reminders (or not) and completed `done`, through the pages."""
    with app.app_context():
        user = make_user(email_address, "Rae Reader", PASSWORD)
        user.reminder_emails = reminders
        db.session.commit()
        user_id = user.id
    client.post("/login", data={"email": email_address, "password": PASSWORD})
    for slug in done:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    client.post("/logout")
    return user_id


def last_active(app, user_id: int, when: datetime) -> None:
    """Move the learner's every step (enrolment, completions, attempts) back to `when`."""
    with app.app_context():
        db.session.execute(update(Enrolment).where(Enrolment.user_id == user_id)
                           .values(started_at=when))
        db.session.execute(update(LessonCompletion).where(LessonCompletion.user_id == user_id)
                           .values(completed_at=when))
        db.session.execute(update(QuizAttempt).where(QuizAttempt.user_id == user_id)
                           .values(submitted_at=when))
        db.session.commit()


def run_batch(app, now: datetime):
    with app.app_context():
        return send_due_reminders(now)


def set_user(app, user_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(update(User).where(User.id == user_id).values(**values))
        db.session.commit()
