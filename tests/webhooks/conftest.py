"""Webhook fixtures: a real HTTP receiver on 127.0.0.1 that keeps what it is sent, a real Celery
worker, and an app that may send to loopback addresses, with short retries."""
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from lms.auth.models import Role
from lms.extensions import db
from lms.webhooks import endpoints
from lms.webhooks.models import DeliveryState, EventType, WebhookDelivery
from lms.webhooks.tasks import deliver_webhook
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import running_worker

ADMIN_EMAIL = "admin@example.org"


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """What the server was sent, and how it answers: `statuses` in turn (the last one repeats);
    while `gate` is clear, every request waits for it."""
    url: str
    requests: list = field(default_factory=list)
    statuses: list = field(default_factory=lambda: [204])
    gate: threading.Event = field(default_factory=threading.Event)

    def answer(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


def start_receiver(tls=None):
    """A receiver on 127.0.0.1 (over TLS with tls=(cert file, key file)); (state, server)."""
    state = Receiver(url="")
    state.gate.set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.gate.wait(timeout=20)
            state.requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(state.answer())
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    scheme = "http"
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"{scheme}://127.0.0.1:{server.server_address[1]}/hooks/lms?source=test"
    return state, server


def stop_receiver(state, server) -> None:
    state.gate.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def receiver():
    state, server = start_receiver()
    yield state
    stop_receiver(state, server)


@pytest.fixture
def app_config(app_config):
    celery = dict(app_config["CELERY"], broker_connection_retry_on_startup=True)
    return {**app_config, "CELERY": celery, "WEBHOOKS_ALLOW_PRIVATE": True,
            "WEBHOOKS_ATTEMPTS": 3, "WEBHOOKS_CONNECT_TIMEOUT": 2, "WEBHOOKS_READ_TIMEOUT": 10,
            # Retries 0.05 then 0.1 s apart (the shared policy, shortened), not minutes.
            "RETRY_FIRST_SECONDS": 0.05, "RETRY_MAX_SECONDS": 0.2}


@pytest.fixture
def celery_worker(app):
    with running_worker(app) as celery:
        yield celery


@pytest.fixture
def admin(app):
    with app.app_context():
        return make_user(ADMIN_EMAIL, "Ada Admin", PASSWORD, Role.ADMIN).id


@pytest.fixture
def register(app, admin):
    """register(url, events..., include_email=False) -> (endpoint id, secret), as the service
    does it for the admin's form."""
    def make(url, *events, include_email=False):
        with app.app_context():
            made = endpoints.register(admin, url, "test receiver",
                                      list(events or EventType), include_email)
            return made.endpoint.id, made.secret
    return make


def deliveries(app):
    with app.app_context():
        rows = list(db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))
        db.session.expunge_all()
        return rows


def run_pending(app) -> None:
    """Run the delivery task on every pending delivery, here and now (Celery's apply(): the
    task's own code, its retries made at once instead of after their delay)."""
    for delivery in deliveries(app):
        if delivery.state is DeliveryState.PENDING:
            deliver_webhook.apply(args=[delivery.id])
