"""Fault fixtures: a broker that accepts connections and never answers, timed requests."""
import os
import socket
import threading
import time

import pytest

from lms.config import settings_from_env
from tests.certificates.helpers import finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.faults.stack import RedisServer, Stack

SLOWEST_REQUEST = 2.0  # seconds: no page may wait longer on a fault (issue 10)
LEARNERS = 6


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
    """The broker the test's app and its worker share: the embedded default unless overridden
    (each test has its own instance folder, so its own filesystem queue)."""
    return "filesystem://"


@pytest.fixture
def app_config(app_config, broker_url, tmp_path):
    # The settings a worker started with this instance folder reads, so both sides agree.
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    celery = dict(settings_from_env(instance)["CELERY"], broker_url=broker_url)
    # Every learner of a case logs in from this one test client's address.
    return dict(app_config, CELERY=celery, LOGIN_RATE_LIMIT="1000 per minute")


@pytest.fixture
def stack(app, tmp_path, broker_url):
    """Worker and beat as real subprocesses; stopped, by their own ids, at the end."""
    stack = Stack(app, tmp_path, broker_url)
    yield stack
    stack.stop()


@pytest.fixture
def redis_server(tmp_path):
    if not os.environ.get("TEST_REDIS_URL"):
        pytest.skip("Redis fault cases run when TEST_REDIS_URL is set (as in CI's second run)")
    server = RedisServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def learners(app, client, course):
    """Six learners, each one lesson short of the course, logged out."""
    ids = []
    with app.app_context():
        for n in range(LEARNERS):
            ids.append(make_user(f"learner{n}@example.org", f"Learner Number{n}", PASSWORD).id)
    for n in range(LEARNERS):
        client.post("/login", data={"email": f"learner{n}@example.org", "password": PASSWORD})
        finish_course(app, client, leave="later")
        client.post("/logout")
    return ids


def complete_all(client, count: int = LEARNERS) -> list[float]:
    """Each learner logs in and completes the last lesson; the completing requests' durations.
    Every one must answer with the redirect to the certificate within SLOWEST_REQUEST."""
    durations = []
    for n in range(count):
        client.post("/login", data={"email": f"learner{n}@example.org", "password": PASSWORD})
        response, seconds = timed(lambda: client.post("/courses/mini/lessons/later/complete"))
        assert response.status_code == 302, response.status_code
        durations.append(seconds)
        client.post("/logout")
    assert max(durations) < SLOWEST_REQUEST, durations
    return durations


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
