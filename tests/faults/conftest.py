"""Fault fixtures: a broker that accepts connections and never answers, timed requests."""
import socket
import threading
import time
import uuid

import pytest

SLOWEST_REQUEST = 2.0  # seconds: no page may wait longer on a fault (issue 10)


class FrozenBroker:
    """A TCP listener on loopback that accepts and never answers, like a SIGSTOPped Redis (the
    kernel still completes the handshake) or a black-holed network path."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def frozen_broker():
    broker = FrozenBroker()
    yield broker
    broker.close()


@pytest.fixture
def broker_url():
    return "memory://"


@pytest.fixture
def app_config(app_config, broker_url):
    celery = dict(app_config["CELERY"], broker_url=broker_url,
                  task_default_queue=f"faults-test-{uuid.uuid4().hex[:12]}")
    return dict(app_config, CELERY=celery)


def timed(request, limit: float = 10.0):
    """(response, seconds) of request() run in a thread, giving up on it after `limit` s (a hung
    request then fails the test instead of hanging the suite)."""
    outcome = {}

    def run():
        started = time.monotonic()
        outcome["response"] = request()
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"the request was still waiting after {limit} s"
    return outcome["response"], outcome["seconds"]
