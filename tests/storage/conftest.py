"""The file store's tests run on both backends: the instance folder, and a real S3 server
(SeaweedFS, tests/s3server.py) when TEST_S3=1 or in the PostgreSQL pass (TEST_DATABASE_URL)."""
import socket
import threading
import uuid

import pytest

from lms.storage import file_storage
from tests import s3server

BACKENDS = ["filesystem", "s3"]


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    if not s3server.wanted():
        yield None
        return
    server = s3server.SeaweedFS(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request, seaweedfs):
    if request.param == "s3" and seaweedfs is None:
        pytest.skip("S3 tests run with TEST_S3=1 or TEST_DATABASE_URL (a SeaweedFS server)")
    return request.param


def s3_credentials(monkeypatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3server.ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3server.SECRET_KEY)


@pytest.fixture
def app_config(app_config, request, monkeypatch):
    """The backend's settings, for tests that ask for `backend` (the others: the default)."""
    if "backend" not in request.fixturenames:
        return app_config
    backend, seaweedfs = request.getfixturevalue("backend"), request.getfixturevalue("seaweedfs")
    if backend == "filesystem":
        return app_config
    s3_credentials(monkeypatch)
    bucket = seaweedfs.make_bucket(f"lms-{uuid.uuid4().hex[:12]}")
    return {**app_config, **seaweedfs.settings(bucket)}


@pytest.fixture
def store(app):
    with app.app_context():
        yield file_storage()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers, like a store that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    listener.close()
