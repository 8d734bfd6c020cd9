"""Periodic account housekeeping, run by Celery beat."""
from celery import shared_task

from lms.auth.sessions import purge_ended
from lms.auth.tokens import purge_expired


@shared_task
def purge_expired_email_links() -> int:
    return purge_expired()


@shared_task
def purge_ended_sessions() -> int:
    return purge_ended()
