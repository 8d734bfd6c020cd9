"""D11: `make run` (honcho, the Procfile) keeps the web site up when the worker is killed as a
whole. Honcho stops every process once one exits; the Procfile's worker line now runs under
bin/keep-running, which starts a killed worker again. Runs the Procfile's own web and worker
lines under honcho, on this test's database and instance folder."""
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.faults.stack import PROJECT, Process, Stack, free_port
from tests.helpers import wait_for

VENV = PROJECT / ".venv" if (PROJECT / ".venv").exists() else Path(sys.executable).parent.parent


def argv(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:  # gone
        return []


def worker_supervisors(process: Process) -> list[int]:
    """The `python -m lms.worker` processes under honcho (each runs a Celery worker)."""
    return [pid for pid in process.descendants() if argv(pid)[1:3] == ["-m", "lms.worker"]]


def home(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # noqa: S310
        return response.status


@pytest.fixture
def honcho(app, course, tmp_path):
    """`honcho start web worker` from a folder laid out like the project (the Procfile's
    relative paths: bin/, .venv/)."""
    folder = tmp_path / "project"
    folder.mkdir()
    for name in ("Procfile", "bin", "celery_worker.py", "lms"):
        (folder / name).symlink_to(PROJECT / name)
    (folder / ".venv").symlink_to(VENV)
    port = free_port()
    env = {**Stack(app, tmp_path, "filesystem://").env, "PORT": str(port),
           "WEB_CONCURRENCY": "1", "WEB_THREADS": "2", "WORKER_CONCURRENCY": "1",
           "PYTHONPATH": str(PROJECT)}
    process = Process("honcho", [str(VENV / "bin" / "honcho"), "start", "web", "worker"],
                      env, tmp_path, cwd=folder)
    process.port = port
    yield process
    process.stop()


def test_killing_the_whole_worker_leaves_the_site_up_and_the_worker_comes_back(honcho):
    wait_for(lambda: worker_supervisors(honcho) and " ready." in honcho.output(), timeout=90)
    assert home(honcho.port) == 200
    [first] = worker_supervisors(honcho)
    os.kill(first, signal.SIGKILL)  # the worker's top process: it and its Celery go
    killed_at = time.monotonic()
    for _ in range(5):  # the site answers throughout
        assert home(honcho.port) == 200
        time.sleep(0.2)
    wait_for(lambda: [pid for pid in worker_supervisors(honcho) if pid != first], timeout=30)
    wait_for(lambda: honcho.output().count(" ready.") >= 2, timeout=60)
    assert time.monotonic() - killed_at < 60
    assert honcho.popen.poll() is None  # honcho did not stop everything
    assert home(honcho.port) == 200
    assert "starting it again" in honcho.output()
