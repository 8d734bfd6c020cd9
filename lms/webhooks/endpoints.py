"""Registering, disabling, deleting an endpoint and rotating its secret. Each change is in the
audit log (the URL and events, never the secret); the secret is returned to be shown once."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete as delete_rows
from sqlalchemy import select

from lms import audit
from lms.extensions import db
from lms.models_base import utcnow
from lms.webhooks.addresses import resolve
from lms.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint
from lms.webhooks.signing import new_secret, seal


@dataclass(frozen=True)
class WithSecret:
    """An endpoint and its new secret, in clear, for the one page that shows it."""
    endpoint: WebhookEndpoint
    secret: str


def target(endpoint: WebhookEndpoint) -> str:
    """How the audit log names an endpoint."""
    return f"webhook endpoint {endpoint.id} {endpoint.url}"


def all_endpoints() -> list[WebhookEndpoint]:
    return list(db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def register(actor_id: int, url: str, description: str, events: list[EventType],
             include_email: bool) -> WithSecret:
    """Add an endpoint after checking its address (AddressRefused if it may not receive).
    Commits."""
    resolve(url)
    secret = new_secret()
    endpoint = WebhookEndpoint(url=url.strip(), description=description.strip(),
                               sealed_secret=seal(secret),
                               events=" ".join(sorted(str(event) for event in events)),
                               include_email=include_email, created_by_id=actor_id)
    db.session.add(endpoint)
    db.session.flush()
    audit.record(actor_id, "webhook endpoint added", target=target(endpoint),
                 detail=endpoint.events + (" (with email)" if include_email else ""))
    db.session.commit()
    return WithSecret(endpoint, secret)


def rotate_secret(actor_id: int, endpoint: WebhookEndpoint) -> WithSecret:
    """A new secret; the old one stops signing at once (the receiver must take the new one).
    Commits."""
    secret = new_secret()
    endpoint.sealed_secret = seal(secret)
    endpoint.secret_rotated_at = utcnow()
    audit.record(actor_id, "webhook secret rotated", target=target(endpoint))
    db.session.commit()
    return WithSecret(endpoint, secret)


def set_active(actor_id: int, endpoint: WebhookEndpoint, active: bool) -> None:
    """Disable (nothing more is sent; pending deliveries fail) or enable again. Commits."""
    endpoint.active = active
    audit.record(actor_id, "webhook endpoint enabled" if active else "webhook endpoint disabled",
                 target=target(endpoint))
    db.session.commit()


def delete(actor_id: int, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint and its delivery log. Commits."""
    audit.record(actor_id, "webhook endpoint deleted", target=target(endpoint))
    # Rows first (SQLite enforces no foreign keys here, so ON DELETE CASCADE may not run).
    db.session.execute(delete_rows(WebhookDelivery)
                       .where(WebhookDelivery.endpoint_id == endpoint.id))
    db.session.delete(endpoint)
    db.session.commit()
