"""The reminder batch, run by Celery beat (never from a request)."""
from celery import shared_task
from flask import current_app

from lms.models_base import utcnow
from lms.reminders.sending import send_due_reminders


@shared_task
def send_reminders() -> dict:
    """Send the course and meeting reminders due now, up to a batch of each."""
    sent = send_due_reminders(utcnow(), current_app.config["REMINDER_BATCH"])
    return {"course": sent.course_reminders, "meeting": sent.meeting_reminders}
