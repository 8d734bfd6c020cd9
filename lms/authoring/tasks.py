"""Periodic authoring housekeeping, run by Celery beat."""
from celery import shared_task

from lms.authoring.archive import purge_stale_stashes


@shared_task
def purge_unapplied_imports() -> int:
    """Zips uploaded for import but never applied: up to 2 MB each, kept a day at most."""
    return purge_stale_stashes()
