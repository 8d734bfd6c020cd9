"""One small cluster for the module: two web hosts (gunicorn) and worker hosts (Celery), each in a
network namespace of its own with an empty instance folder of its own, HAProxy in front, and
nothing shared but PostgreSQL (CI's, in a schema of the module's own), Redis (a redis-server of
the module's own) and an S3 bucket (SeaweedFS), which listen on 127.0.0.1 only and are reached
over the links through a forwarder (forward.py) on the bridge's address in the root namespace.

Runs in CI's PostgreSQL pass (TEST_DATABASE_URL set), as root. Every process is the test's own,
ended by its process group; the namespaces and links are removed at the end, also on failure."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from lms import create_app
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db
from tests import s3server
from tests.cluster.browser import Browser
from tests.cluster.network import Network
from tests.conftest import COURSES, MINI_COURSE
from tests.faults.stack import FAST, PROJECT, Process, RedisServer
from tests.helpers import SIGNING_KEYS, STRONG_KEY

SITE = "lms.cluster.test"  # PUBLIC_BASE_URL's host: production refuses any other Host
WEB_PORT = 8000
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
BIN = Path(sys.executable).parent
# How long a lost render waits before Redis hands it to another worker (its visibility
# timeout) and the sweep queues it again: short, so the worker case takes seconds.
STUCK_SECONDS = "6"


def skip_reason() -> str | None:
    if not os.environ.get("TEST_DATABASE_URL"):
        return "cluster tests run in CI's PostgreSQL pass (TEST_DATABASE_URL set)"
    if os.geteuid() != 0:
        return "cluster tests make network namespaces: run them as root"
    for tool in ("ip", "redis-server"):
        if not shutil.which(tool):
            return f"cluster tests need {tool}"
    if not Path(HAPROXY).exists():
        return "cluster tests need HAProxy: run .ci/system-deps (apt-get install haproxy)"
    return None


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Cluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: dict[str, Process] = {}
        self.network = self.redis = self.s3 = self.admin = None
        self.schema = f"cluster_{uuid.uuid4().hex[:10]}"
        self.monkeypatch = pytest.MonkeyPatch()

    # -- the shared services ------------------------------------------------------------------
    def start(self) -> "Cluster":
        self.network = Network()
        gateway = self.network.gateway
        for name in ("web1", "web2", "work1", "work2"):
            self.network.add_host(name)
        self.redis = RedisServer(self.folder)
        self.s3 = s3server.SeaweedFS(self.folder / "seaweedfs")
        self.bucket = self.s3.make_bucket(f"lms-{uuid.uuid4().hex[:12]}")
        database = make_url(os.environ["TEST_DATABASE_URL"])
        ports = {name: free_port(gateway) for name in ("database", "redis", "s3")}
        self.processes["forwarder"] = Process("forwarder", [
            sys.executable, "-m", "tests.cluster.forward",
            f"{gateway}:{ports['database']}", f"{database.host}:{database.port or 5432}",
            f"{gateway}:{ports['redis']}", f"127.0.0.1:{self.redis.port}",
            f"{gateway}:{ports['s3']}", f"127.0.0.1:{self.s3.port}"],
            {**os.environ, "PYTHONPATH": str(PROJECT)}, self.folder)
        wait_until(lambda: "forwarding" in self.processes["forwarder"].output(), 30,
                   "the forwarder")
        options = {"options": f"-csearch_path={self.schema}"}
        self.database_url = database.set(query=options)
        self.settings = {
            "LMS_ENV": "production",
            "SECRET_KEY": STRONG_KEY,
            "CERTIFICATE_SIGNING_KEYS": SIGNING_KEYS,
            "PUBLIC_BASE_URL": f"http://{SITE}",
            "PROXY_FIX_X_FOR": "1",
            "DATABASE_URL": database.set(host=gateway, port=ports["database"], query=options)
            .render_as_string(hide_password=False),
            "CELERY_BROKER_URL": f"redis://{gateway}:{ports['redis']}/0",
            "RATELIMIT_STORAGE_URI": f"redis://{gateway}:{ports['redis']}/1",
            "FILE_STORAGE": "s3", "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": f"http://{gateway}:{ports['s3']}", "S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": s3server.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": s3server.SECRET_KEY,
            "COURSES_DIR": str(COURSES),
            "ARGON2_TIME_COST": "1", "ARGON2_MEMORY_COST": "8", "ARGON2_PARALLELISM": "1",
            # Every learner of the tests comes through the balancer from one address; the
            # rate-limit case uses /verify's limit, counted per address across both hosts.
            "LOGIN_RATE_LIMIT": "1000 per minute", "ACCOUNT_RATE_LIMIT": "1000 per minute",
            "QUIZ_RATE_LIMIT": "1000 per minute", "VERIFY_RATE_LIMIT": "6 per minute",
            **FAST, "CERTIFICATE_STUCK_SECONDS": STUCK_SECONDS,
        }
        self._prepare_database()
        return self

    def _prepare_database(self) -> None:
        engine = sa.create_engine(os.environ["TEST_DATABASE_URL"])
        with engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
        engine.dispose()
        # The test's own view of the database (setup and checks): not a host of the cluster.
        self.monkeypatch.setenv("LMS_INSTANCE_PATH", str(self.folder / "test-process"))
        self.admin = create_app({
            "TESTING": True, "SECRET_KEY": STRONG_KEY, "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": self.database_url.render_as_string(hide_password=False),
            "COURSES_DIR": str(COURSES), "READING_FLUSH_SECONDS": 0,
            # Not RATELIMIT_ENABLED=False: Flask-Limiter keeps that on its one shared instance,
            # for every app made after this one in the same test run.
            "LOGIN_RATE_LIMIT": "10000 per minute", "ACCOUNT_RATE_LIMIT": "10000 per minute",
            "QUIZ_RATE_LIMIT": "10000 per minute",
            "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1,
            "CELERY": {"broker_url": "memory://", "task_default_queue": f"c-{self.schema}",
                       "task_ignore_result": True},
        })
        with self.admin.app_context():
            db.create_all()
            course, _ = import_course(load_course(MINI_COURSE))
            db.session.commit()
            self.course_id = course.id

    # -- hosts --------------------------------------------------------------------------------
    def instance(self, host: str) -> Path:
        return self.folder / f"{host}-instance"

    def env(self, host: str) -> dict:
        keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TZ")}
        return {**keep, **self.settings, "PYTHONPATH": str(PROJECT), "FLASK_APP": "lms",
                "LMS_INSTANCE_PATH": str(self.instance(host))}

    def _start(self, name: str, host: str, argv: list[str]) -> Process:
        process = Process(name, [*self.network.inside(host), *argv], self.env(host), self.folder)
        self.processes[name] = process
        return process

    def start_web(self, host: str) -> None:
        self._start(host, host, [
            str(BIN / "gunicorn"), "--bind", f"0.0.0.0:{WEB_PORT}", "--worker-class", "gthread",
            "--workers", "1", "--threads", "4", "--graceful-timeout", "3",
            "--access-logfile", "-", "--logger-class", "lms.access_log.RedactingLogger",
            "lms:create_app()"])

    def wait_for_web(self, host: str) -> None:
        browser = self.browser(host)
        wait_until(lambda: browser.get("/", timeout=5).status == 200, 90, f"{host} to serve")

    def start_worker(self, host: str, name: str | None = None) -> Process:
        return self._start(name or f"{host}-worker", host, [
            sys.executable, "-m", "lms.worker", "--loglevel", "INFO", "--concurrency", "2",
            "--without-gossip", "--without-mingle", "--without-heartbeat"])

    def wait_for_worker(self, name: str) -> None:
        wait_until(lambda: " ready." in self.processes[name].output(), 90, f"{name} ready")

    def start_beat(self, host: str) -> None:
        self._start(f"{host}-beat", host, [
            sys.executable, "-m", "celery", "-A", "celery_worker", "beat", "--loglevel", "INFO",
            "--schedule", str(self.folder / "beat-schedule")])

    def start_balancer(self) -> None:
        self.balancer_port = free_port("127.0.0.1")
        web = "\n".join(f"    server {host} {self.network.addresses[host]}:{WEB_PORT} check"
                        for host in ("web1", "web2"))
        config = self.folder / "haproxy.cfg"
        config.write_text(f"""global
    maxconn 256
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 1s
    retries 3
    option redispatch
    default-server inter 300ms fall 1 rise 2
frontend lms
    bind 127.0.0.1:{self.balancer_port}
    option forwardfor
    http-response set-header X-Served-By %s
    default_backend web
backend web
    balance roundrobin
{web}
""")
        self.processes["haproxy"] = Process("haproxy", [HAPROXY, "-f", str(config), "-db"],
                                            os.environ, self.folder)
        browser = self.balancer()
        wait_until(lambda: {browser.get("/", timeout=5).served_by for _ in range(4)}
                   == {"web1", "web2"}, 30, "the balancer to reach both web hosts")

    def browser(self, host: str) -> Browser:
        """A browser talking to one web host directly (from the root namespace)."""
        return Browser(self.network.addresses[host], WEB_PORT, SITE)

    def balancer(self) -> Browser:
        return Browser("127.0.0.1", self.balancer_port, SITE)

    def kill(self, name: str) -> None:
        """kill -9 of a whole host's process (its group: gunicorn's master and workers, or the
        worker's supervisor, Celery and its pool)."""
        os.killpg(self.processes[name].popen.pid, signal.SIGKILL)
        self.processes[name].popen.wait(10)

    def logs(self, name: str) -> str:
        return self.processes[name].output()

    # -- the end ------------------------------------------------------------------------------
    def stop(self) -> list[str]:
        """End every process of ours, then remove the namespaces, links, schema and servers;
        each step runs even if one before it failed. Returns what could not be undone."""
        left = []
        for process in self.processes.values():
            try:
                os.killpg(process.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for process in self.processes.values():
            try:
                process.popen.wait(10)
            except subprocess.TimeoutExpired:  # in a stuck kernel call: report it, go on
                left.append(f"process {process.log.stem}")
        for step in (self._remove_network, self._drop_schema, self._stop_servers):
            try:
                left += step()
            except Exception as error:  # noqa: BLE001 - every step is tried; all reported
                left.append(f"{step.__name__}: {error!r}")
        self.monkeypatch.undo()
        return left

    def _remove_network(self) -> list[str]:
        return self.network.remove() if self.network else []

    def _drop_schema(self) -> list[str]:
        if self.admin is not None:
            with self.admin.app_context():
                db.session.remove()
                db.engine.dispose()
        engine = sa.create_engine(os.environ["TEST_DATABASE_URL"])
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        engine.dispose()
        return []

    def _stop_servers(self) -> list[str]:
        if self.s3 is not None:
            self.s3.stop()
        if self.redis is not None:
            self.redis.stop()
        return []


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if reason := skip_reason():
        pytest.skip(reason)
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.start()
        for host in ("web1", "web2"):
            cluster.start_web(host)
        cluster.start_worker("work1")
        cluster.start_beat("work1")
        for host in ("web1", "web2"):
            cluster.wait_for_web(host)
        cluster.wait_for_worker("work1-worker")
        cluster.start_balancer()
        yield cluster
    finally:
        left = cluster.stop()
        assert not left, f"could not remove {left}"


@pytest.fixture
def report(capsys):
    """Print a fault's outcome whether or not pytest captures output (the lead quotes it)."""
    def say(line: str) -> None:
        with capsys.disabled():
            print(f"\n[cluster] {line}", flush=True)
    return say
