"""One attempt at a delivery: sign it as Standard Webhooks describes, POST it to an address
checked just now (and to that address only), record what happened, and say whether to try again.

Retried: no answer (connection refused, timeout), 5xx and 429. Anything else that is not 2xx
(a redirect, which is not followed; 4xx) fails at once: trying again would get the same answer.
The attempt is recorded before the task decides, so the log is right whatever the broker does."""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from flask import current_app
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, Timeout
from urllib3.exceptions import HTTPError

from lms.extensions import db
from lms.models_base import utcnow
from lms.webhooks.addresses import AddressRefused, HostNotFound, Target, resolve
from lms.webhooks.models import DeliveryState, WebhookDelivery
from lms.webhooks.signing import SecretUnreadable, signature, unseal

log = logging.getLogger(__name__)
RETRIED_STATUSES = frozenset({429}) | frozenset(range(500, 600))
USER_AGENT = "lms-webhooks/1"


@dataclass(frozen=True)
class Attempt:
    status: int | None = None      # the receiver's HTTP status, if it answered
    error: str = ""                # why it did not succeed
    retry: bool = False            # worth trying again (if attempts remain)

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes signed and sent (compact JSON, keys in a fixed order)."""
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True,
                      ensure_ascii=False).encode()


def signed_headers(secret: str, message_id: str, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(secret, message_id, timestamp, body),
            "content-type": "application/json", "user-agent": USER_AGENT}


def post(target: Target, headers: dict[str, str], body: bytes) -> Attempt:
    """POST to the first address of the target that answers, with the URL's host as Host and
    as the name its TLS certificate must carry; no redirect followed, nothing retried here."""
    config = current_app.config
    connect, read = config["WEBHOOKS_CONNECT_TIMEOUT"], config["WEBHOOKS_READ_TIMEOUT"]
    timeout = Timeout(connect=connect, read=read, total=connect + read)
    default_port = 443 if target.scheme == "https" else 80
    host = target.host if ":" not in target.host else f"[{target.host}]"
    headers = {**headers, "host": host if target.port == default_port else f"{host}:{target.port}"}
    error = ""
    for address in target.addresses:
        if target.scheme == "https":
            pool = HTTPSConnectionPool(address, target.port, timeout=timeout, retries=False,
                                       cert_reqs="CERT_REQUIRED", server_hostname=target.host,
                                       assert_hostname=target.host)
        else:
            pool = HTTPConnectionPool(address, target.port, timeout=timeout, retries=False)
        try:
            response = pool.urlopen("POST", target.path, body=body, headers=headers,
                                    redirect=False, retries=False, preload_content=False)
            # The answer's status is all that counts: its body is never read, so a receiver
            # that streams forever holds no worker.
            response.close()
            status = response.status
            return Attempt(status=status, retry=status in RETRIED_STATUSES,
                           error="" if 200 <= status < 300
                           else f"the receiver answered HTTP {status}")
        except HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"
        finally:
            pool.close()
    return Attempt(error=error or "no address to connect to", retry=True)


@dataclass(frozen=True)
class Message:
    """What one attempt needs, read before the request so no transaction stays open during it."""
    delivery_id: int
    event_id: str
    body: bytes
    url: str
    sealed_secret: str
    endpoint_active: bool


def send(message: Message) -> Attempt:
    """Check the address again (it may resolve elsewhere now), sign and POST."""
    if not message.endpoint_active:
        return Attempt(error="the endpoint is disabled")
    try:
        target = resolve(message.url)
        secret = unseal(message.sealed_secret)
    except AddressRefused as refused:
        # A name that does not resolve may resolve later; a private address is refused again.
        return Attempt(error=str(refused), retry=isinstance(refused, HostNotFound))
    except SecretUnreadable as error:
        return Attempt(error=str(error))
    return post(target, signed_headers(secret, message.event_id, message.body), message.body)


def _pending(delivery_id: int) -> WebhookDelivery | None:
    delivery = db.session.get(WebhookDelivery, delivery_id, populate_existing=True)
    return delivery if delivery is not None and delivery.state is DeliveryState.PENDING else None


def attempt_delivery(delivery_id: int) -> bool:
    """Make one attempt at a pending delivery and record it; True when it should be retried
    (it stays pending), False when it is over (succeeded or failed, or was not pending).
    Commits."""
    delivery = _pending(delivery_id)
    if delivery is None:
        return False  # deleted with its endpoint, or a duplicate message after it was done
    endpoint = delivery.endpoint
    message = Message(delivery.id, delivery.event_id, body_of(delivery), endpoint.url,
                      endpoint.sealed_secret, endpoint.active)
    db.session.rollback()  # no transaction held open while the receiver takes its time
    started = time.monotonic()
    attempt = send(message)
    elapsed = time.monotonic() - started
    delivery = _pending(delivery_id)
    if delivery is None:
        db.session.rollback()
        return False
    return _record(delivery, attempt, elapsed)


def _record(delivery: WebhookDelivery, attempt: Attempt, elapsed: float) -> bool:
    delivery.attempts += 1
    delivery.last_attempt_at = utcnow()
    delivery.last_status = attempt.status
    delivery.last_error = attempt.error[:500]
    retry = (not attempt.succeeded and attempt.retry
             and delivery.attempts < current_app.config["WEBHOOKS_ATTEMPTS"])
    if not retry:
        delivery.state = DeliveryState.SUCCEEDED if attempt.succeeded else DeliveryState.FAILED
        delivery.finished_at = delivery.last_attempt_at
    log.info("Webhook delivery %s (%s, %s) to endpoint %s, attempt %s: %s in %.2f s; %s",
             delivery.id, delivery.event_type, delivery.event_id, delivery.endpoint_id,
             delivery.attempts, attempt.status or attempt.error, elapsed,
             "will retry" if retry else delivery.state.value)
    db.session.commit()
    return retry
