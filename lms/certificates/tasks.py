"""Celery tasks for certificates (thin: each calls a service), and queuing renders after commit."""
import logging

from celery import shared_task
from sqlalchemy import event
from sqlalchemy.orm import Session

from lms.celery_app import publish, retry_later
from lms.certificates.rendering import render_and_store
from lms.certificates.services import RENDER_QUEUE, requeue_stuck
from lms.extensions import db

log = logging.getLogger(__name__)


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


def send_queued_renders(session: Session) -> None:
    """After a commit, queue the renders it asked for. A broker outage loses nothing: the
    certificates stay pending in the database and the sweep queues them once it is back. So the
    first failure ends the loop: a frozen broker costs the request one timeout, not one each."""
    for certificate_id in sorted(session.info.pop(RENDER_QUEUE, ())):
        if not publish(render_certificate, certificate_id):
            log.warning("Certificate %s stays pending; the sweep will queue it", certificate_id)
            return


def forget_queued_renders(session: Session, previous_transaction) -> None:
    """A rolled-back transaction issued nothing; a rolled-back savepoint changes nothing here."""
    if previous_transaction.parent is None:
        session.info.pop(RENDER_QUEUE, None)


def register_render_queue() -> None:
    """Hook the after-commit queue into the app's sessions (once per process)."""
    if not event.contains(db.session, "after_commit", send_queued_renders):
        event.listen(db.session, "after_commit", send_queued_renders)
        event.listen(db.session, "after_soft_rollback", forget_queued_renders)
