"""Celery tasks for certificates (thin: each calls a service). They are queued after commit
through lms.queue.after_commit."""
from celery import shared_task

from lms.celery_app import retry_later
from lms.certificates.rendering import render_and_store
from lms.certificates.services import requeue_stuck


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def render_certificate(self, certificate_id: int) -> bool:
    """Render and store one certificate's PDF; idempotent, so redelivery is harmless."""
    try:
        return render_and_store(certificate_id)
    except Exception as error:
        raise retry_later(self, error) from error


@shared_task
def requeue_stuck_certificates() -> int:
    """Celery beat's sweep: renders lost with the broker or a killed worker get queued again."""
    return len(requeue_stuck())
