"""Celery tasks for webhooks (thin: each calls a service). Deliveries are queued after the
transaction that emits them commits (events.py)."""
from celery import shared_task
from flask import current_app

from lms.celery_app import retry_delay
from lms.webhooks.delivery_log import requeue_stuck
from lms.webhooks.sending import attempt_delivery


class TryAgain(Exception):
    """The attempt failed in a way worth retrying (recorded on the delivery)."""


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def deliver_webhook(self, delivery_id: int) -> None:
    """One attempt; on a retryable failure, the next after the shared backoff. The delivery
    counts its attempts and is marked failed after WEBHOOKS_ATTEMPTS, whatever Celery counts."""
    if attempt_delivery(delivery_id):
        raise self.retry(exc=TryAgain(delivery_id), countdown=retry_delay(self.request.retries),
                         max_retries=current_app.config["WEBHOOKS_ATTEMPTS"])


@shared_task
def requeue_stuck_deliveries() -> int:
    """Celery beat's sweep: deliveries whose message was lost (broker down, worker killed)."""
    return len(requeue_stuck())
