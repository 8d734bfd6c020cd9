"""The rate limiter's Redis going away (D4): sign-in pages keep working on in-memory counts,
say so in the log, and go back to Redis when it returns. Uses a real redis-server of its own."""
import logging
import shutil
import socket
import subprocess

import pytest

from tests.conftest import PASSWORD
from tests.helpers import wait_for

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on a loopback port, that a test can stop and start again."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self._answers, timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(app_config, request):
    port = request.getfixturevalue("redis_server").port
    return {**app_config, "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{port}/0"}


def visit_sign_in_pages(client) -> list[int]:
    return [
        client.post("/login", data={"email": "learner@example.org", "password": "wrong"}
                    ).status_code,
        client.post("/signup", data={"email": "new@example.org", "name": "N"}).status_code,
        client.post("/reset", data={"email": "learner@example.org"}).status_code,
        client.get("/verify/AAAA-BBBB-CCCC-DDDD").status_code,
        client.post("/verify/AAAA-BBBB-CCCC-DDDD", data={"name": "x"}).status_code,
    ]


def test_sign_in_pages_work_while_redis_is_down_and_limits_still_count(
        app, client, learner, course, redis_server, caplog):
    caplog.set_level(logging.INFO, logger="flask-limiter")
    assert max(visit_sign_in_pages(client)) < 500

    redis_server.stop()
    assert max(visit_sign_in_pages(client)) < 500
    assert "falling back to in-memory storage" in caplog.text
    statuses = [client.post("/login", data={"email": "learner@example.org",
                                            "password": "wrong"}).status_code
                for _ in range(10)]
    assert statuses[-1] == 429  # counted in memory meanwhile, not waved through

    redis_server.start()

    def recovered():
        """the limiter to find Redis again (it probes, with back-off, on limited requests)"""
        assert client.get("/verify/AAAA-BBBB-CCCC-DDDD").status_code < 500
        return "Rate limit storage recovered" in caplog.text

    wait_for(recovered, timeout=20, interval=0.5)
    # Counting is back in Redis, which never saw the in-memory attempts.
    response = client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert response.status_code == 302
