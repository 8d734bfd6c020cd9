"""The real background stack for fault tests: a worker (`python -m lms.worker`, as the Procfile
runs it) and beat as subprocesses of this test, a Redis server of the test's own, and the checks
every fault case makes afterwards. Only loopback addresses; every process is ours, ended by id."""
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

from sqlalchemy import select, text

from lms.certificates.models import Certificate, CertificateStatus
from lms.extensions import db
from tests.helpers import wait_for

PROJECT = Path(__file__).resolve().parents[2]
RECOVERY = 90.0  # seconds: every fault recovers by itself within this (DESIGN.md)
# Short sweep and retry settings so a case takes seconds; the defaults are in lms/config.py.
FAST = {"CERTIFICATE_SWEEP_SECONDS": "1", "CERTIFICATE_STUCK_SECONDS": "4",
        "RETRY_FIRST_SECONDS": "0.2", "RETRY_MAX_SECONDS": "1", "RETRY_WINDOW_SECONDS": "30",
        "BROKER_TIMEOUT_SECONDS": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def subprocess_database_url(app) -> str:
    """The test's own database as a URL another process can open (its PostgreSQL schema too)."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        return url
    with app.app_context():
        schema = db.session.scalar(text("SHOW search_path")).strip('"')
    return f"{url}?options=-csearch_path%3D{schema}"


class Process:
    """A subprocess in a session of its own, logging to a file; stop() ends its group."""

    def __init__(self, name: str, argv: list[str], env: dict, log_dir: Path, cwd=PROJECT):
        self.log = log_dir / f"{name}.log"
        self.popen = subprocess.Popen(  # noqa: S603
            argv, cwd=cwd, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self, pid: int | None = None) -> list[int]:
        pid = pid or self.popen.pid
        try:
            listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:  # gone (it may end between being listed and being read): no children
            return []
        return [int(child) for child in listed.split()]

    def descendants(self) -> list[int]:
        """Every process under it, at any depth."""
        found, todo = [], [self.popen.pid]
        while todo:
            children = self.children(todo.pop())
            found += children
            todo += children
        return found

    def leaves(self) -> list[int]:
        """The processes at the bottom of its tree: the ones that run tasks."""
        return sorted(pid for pid in self.descendants() if not self.children(pid))

    def terminate(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                pass
        try:  # anything of ours still in the group (e.g. a worker whose supervisor died)
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait(5)


class Stack:
    """Worker and beat for one test's app, sharing its database, instance folder and broker."""

    def __init__(self, app, tmp_path: Path, broker_url: str, concurrency: int = 2):
        self.app = app
        self.env = {**os.environ, **FAST, "FLASK_APP": "lms",
                    "LMS_INSTANCE_PATH": app.instance_path,
                    "DATABASE_URL": subprocess_database_url(app),
                    "CELERY_BROKER_URL": broker_url, "SECRET_KEY": "test-secret"}
        self.log_dir = tmp_path
        self.concurrency = concurrency
        self.processes: list[Process] = []

    def start_worker(self) -> Process:
        worker = Process("worker", [
            sys.executable, "-m", "lms.worker", "--loglevel", "INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat", "--concurrency", str(self.concurrency)],
            self.env, self.log_dir)
        self.processes.append(worker)
        wait_for(lambda: " ready." in worker.output(), timeout=60)
        return worker

    def start_beat(self) -> Process:
        beat = Process("beat", [
            sys.executable, "-m", "celery", "-A", "celery_worker", "beat", "--loglevel", "INFO",
            "--schedule", str(self.log_dir / "beat-schedule")], self.env, self.log_dir)
        self.processes.append(beat)
        return beat

    def stop(self) -> None:
        for process in self.processes:  # all at once: warm shutdowns overlap
            process.terminate()
        for process in reversed(self.processes):
            process.stop()


class RedisServer:
    """A redis-server of this test's own on a loopback port, so stopping or freezing it
    disturbs nobody else's tests."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.log_dir = log_dir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self) -> None:
        self.process = Process(f"redis-{time.monotonic_ns()}", [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no"], os.environ, self.log_dir)
        wait_for(lambda: "Ready to accept connections" in self.process.output(), timeout=20)

    def stop(self) -> None:
        self.process.stop()

    def freeze(self) -> None:
        os.kill(self.process.popen.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.popen.pid, signal.SIGCONT)


def all_ready(app, user_ids: list[int]):
    """every learner's certificate to be ready"""
    with app.app_context():
        rows = db.session.scalars(select(Certificate).where(Certificate.user_id.in_(user_ids)))
        ready = [c for c in rows if c.status is CertificateStatus.READY]
        db.session.expunge_all()
    return ready if len(ready) >= len(user_ids) else None


def some_ready_some_not(app, user_ids):
    """a first certificate to be ready and announced while others still wait"""
    states = [c.status for c in _certificates(app)]
    return (len(states) == len(user_ids) and ready_emails(app)
            and 0 < states.count(CertificateStatus.READY) < len(states))


def assert_each_rendered_once(app, user_ids: list[int], killed: bool = False) -> None:
    """0 lost, 0 duplicated, no partial file: one ready certificate per learner, its stored file
    a whole PDF with the recorded hash, no temporary files, one "ready" email each.

    killed: a worker was SIGKILLed, and the email is sent after the commit that makes the
    certificate ready, so a kill between the two loses that one email (never the certificate,
    which the learner's pages list). Known gap, in docs/certificates.md: at most one missing."""
    with app.app_context():
        rows = list(db.session.scalars(select(Certificate)))
        db.session.expunge_all()
    assert sorted(c.user_id for c in rows) == sorted(user_ids)  # one row each, none lost
    folder = Path(app.config["CERTIFICATE_DIR"])
    for certificate in rows:
        assert certificate.status is CertificateStatus.READY
        pdf = (folder / certificate.storage_key).read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert hashlib.sha256(pdf).hexdigest() == certificate.sha256
    stored = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    assert sorted(stored) == sorted(c.storage_key for c in rows)
    # The email follows the commit that made the certificate ready: give it a moment.
    expected = len(user_ids) - (1 if killed else 0)
    emails = wait_for(lambda: ready_emails(app) if len(ready_emails(app)) >= expected
                      else None, timeout=10)
    time.sleep(0.5)  # a duplicate would come within the same moment
    emails = ready_emails(app)
    assert sorted(emails) == sorted(set(emails)), emails  # no learner told twice


def ready_emails(app) -> list[str]:
    """the recipients of every "Your certificate is ready" email in the outbox"""
    return [message_from_bytes(path.read_bytes())["To"]
            for path in Path(app.config["OUTBOX_DIR"]).glob("*.eml")
            if b"Your certificate is ready" in path.read_bytes()]


def _certificates(app) -> list[Certificate]:
    with app.app_context():
        rows = list(db.session.scalars(select(Certificate)))
        db.session.expunge_all()
    return rows
