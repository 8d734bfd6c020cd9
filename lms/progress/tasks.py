"""Periodic progress housekeeping, run by Celery beat."""
from celery import shared_task

from lms.progress.guests import purge_idle_guests as purge


@shared_task
def purge_idle_guests() -> int:
    return purge()
