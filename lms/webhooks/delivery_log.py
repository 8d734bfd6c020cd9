"""The delivery log's services: what admins read, a replay, and the sweep that finds
deliveries whose message was lost."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from lms import audit
from lms.extensions import db
from lms.models_base import utcnow
from lms.webhooks.events import queue_delivery
from lms.webhooks.models import DeliveryState, WebhookDelivery

PAGE_SIZE = 100


def deliveries_for(endpoint_id: int, limit: int = PAGE_SIZE) -> list[WebhookDelivery]:
    """The endpoint's newest deliveries first."""
    return list(db.session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.id.desc()).limit(limit)))


def replay(actor_id: int, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's event to its endpoint again, as a new delivery with the same message
    id and payload (a receiver that processed it already can tell). Commits."""
    again = WebhookDelivery(event_id=delivery.event_id, event_type=delivery.event_type,
                            payload=delivery.payload, endpoint_id=delivery.endpoint_id,
                            learner_id=delivery.learner_id, replay_of_id=delivery.id)
    db.session.add(again)
    db.session.flush()
    audit.record(actor_id, "webhook delivery replayed",
                 target=f"webhook endpoint {delivery.endpoint_id}",
                 detail=f"{delivery.event_type} {delivery.event_id}")
    queue_delivery(again)
    db.session.commit()
    return again


def forget_learner(user_id: int) -> None:
    """Delete the deliveries about an account being deleted (their payloads name it, and may
    carry its email); one still pending is not sent. In the caller's transaction."""
    db.session.execute(update(WebhookDelivery).where(WebhookDelivery.replay_of_id.in_(
        select(WebhookDelivery.id).where(WebhookDelivery.learner_id == user_id)
    )).values(replay_of_id=None))
    db.session.execute(delete(WebhookDelivery).where(WebhookDelivery.learner_id == user_id))


def requeue_stuck(older_than: timedelta | None = None) -> list[int]:
    """Queue again the pending deliveries nothing has touched for CERTIFICATE_STUCK_SECONDS
    (longer than any retry delay, so live retries are left alone). Commits."""
    older_than = older_than or timedelta(seconds=current_app.config["CERTIFICATE_STUCK_SECONDS"])
    before = utcnow() - older_than
    stuck = list(db.session.scalars(
        select(WebhookDelivery.id).where(
            WebhookDelivery.state == DeliveryState.PENDING,
            func.coalesce(WebhookDelivery.last_attempt_at, WebhookDelivery.created_at) < before)
        .limit(500)))
    for delivery_id in stuck:
        queue_delivery(db.session.get(WebhookDelivery, delivery_id))
    db.session.commit()
    return stuck

