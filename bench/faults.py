"""Benchmark: the slow fault cases, on demand (never in the tests), against PostgreSQL and Redis.

    .venv/bin/python bench/faults.py [--batch 150] [--outage 60] [--burst 500]

1. Database down during a batch: BATCH learners complete the course, and 0.5 s later the
   database becomes unreachable for OUTAGE seconds (a TCP proxy of this script's own, in front of
   the PostgreSQL at BENCH_DATABASE_URL, stops and drops every connection; the server itself is
   never touched). Then: how long until every certificate is ready, and what the admin saw.
2. A burst: BURST completions from 16 threads at once; request times, drain time, renders/s.

The worker (`python -m lms.worker`, prefork, 2 children) and beat run as subprocesses with the
default sweep and retry settings, on a redis-server of this script's own. Every address is
loopback; every process is this script's, ended by its id. Each case checks that no certificate
is lost or duplicated. Needs PostgreSQL (default postgresql+psycopg://postgres@127.0.0.1:5432)
and redis-server; creates and drops the database lms_bench_faults. Figures: docs/OPERATIONS.md.
"""
import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lms import create_app  # noqa: E402
from lms.certificates.models import Certificate, CertificateStatus  # noqa: E402
from lms.config import settings_from_env  # noqa: E402
from lms.content.importer import import_course  # noqa: E402
from lms.content.loader import load_course  # noqa: E402
from lms.courses.models import Lesson, Quiz  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.progress.models import LessonCompletion, QuizAttempt  # noqa: E402
from lms.progress.services import complete_lesson_by_slug  # noqa: E402
from tests.conftest import MINI_COURSE  # noqa: E402
from tests.factories import make_user  # noqa: E402
from tests.faults.stack import Process, RedisServer, free_port  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")
DATABASE = "lms_bench_faults"
LAST_STEP = "later"  # the mini course's last lesson: each learner has done everything else
TIMEOUT = 600.0  # seconds: a case that has not recovered by then is reported as such


class Proxy:
    """Loopback TCP proxy to PostgreSQL; down() refuses and drops connections, up() restores."""

    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.listener = None
        self.up()

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.close()
            except OSError:
                pass


def one_step_short(app, count: int, first: int) -> list[int]:
    """count learners who have done every lesson but the last and passed every quiz."""
    with app.app_context():
        lessons = db.session.scalars(sa.select(Lesson).where(Lesson.slug != LAST_STEP)).all()
        quizzes = db.session.scalars(sa.select(Quiz)).all()
        ids = [make_user(f"l{n}@example.org", f"Learner Number{n}", "a long passphrase").id
               for n in range(first, first + count)]
        for user_id in ids:
            db.session.add_all([LessonCompletion(user_id=user_id, lesson_id=lesson.id)
                                for lesson in lessons])
            db.session.add_all([QuizAttempt(user_id=user_id, quiz_id=quiz.id, score=100,
                                            passed=True, answers={}) for quiz in quizzes])
        db.session.commit()
        return ids


def complete(app, user_id: int) -> float:
    """The completing step through the real service (commit, then publish); its duration."""
    started = time.monotonic()
    with app.app_context():
        complete_lesson_by_slug(user_id, LAST_STEP)
        db.session.remove()
    return time.monotonic() - started


def states(app, ids: list[int]) -> dict:
    with app.app_context():
        rows = db.session.execute(sa.select(Certificate.user_id, Certificate.status,
                                            Certificate.attempts, Certificate.error)
                                  .where(Certificate.user_id.in_(ids))).all()
        db.session.remove()
    return {"rows": len(rows), "users": len({r.user_id for r in rows}),
            "ready": sum(r.status is CertificateStatus.READY for r in rows),
            "showing_error": sum(r.status is not CertificateStatus.READY and bool(r.error)
                                 for r in rows),
            "max_attempts": max((r.attempts for r in rows), default=0)}


def wait_ready(app, ids, since: float, seen: dict) -> float | None:
    """Seconds from `since` until every certificate is ready; `seen` keeps the most that the
    admin page showed with an error on the way."""
    while time.monotonic() - since < TIMEOUT:
        try:
            now = states(app, ids)
        except sa.exc.OperationalError:
            now = None
        if now:
            seen["showing_error"] = max(seen.get("showing_error", 0), now["showing_error"])
            if now["ready"] == len(ids):
                return time.monotonic() - since
        time.sleep(0.25)
    return None


def percentile(values, share):
    return sorted(values)[min(len(values) - 1, int(share * len(values)))]


def database_down(app, proxy, args) -> None:
    print(f"database down during a batch: {args.batch} completions, the database "
          f"unreachable 0.5 s later for {args.outage:.0f} s")
    batch = one_step_short(app, args.batch, 0)
    started = time.monotonic()
    for user_id in batch:
        complete(app, user_id)
    time.sleep(0.5)
    before = states(app, batch)["ready"]
    proxy.down()
    time.sleep(args.outage)
    proxy.up()
    back = time.monotonic()
    seen = {}
    took = wait_ready(app, batch, back, seen)
    final = states(app, batch)
    print(f"  ready before the outage {before}/{args.batch}; all ready "
          f"{took:.1f} s after the database came back" if took is not None
          else f"  NOT all ready {TIMEOUT:.0f} s after: {final}")
    print(f"  {time.monotonic() - started:.1f} s from the first completion; rows "
          f"{final['rows']}, learners {final['users']} (lost {args.batch - final['users']}, "
          f"duplicated {final['rows'] - final['users']}); at most {seen['showing_error']} "
          f"showed an error while recovering; most attempts {final['max_attempts']}")


def burst(app, args) -> None:
    print(f"burst: {args.burst} completions from 16 threads")
    learners = one_step_short(app, args.burst, args.batch)
    started = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        durations = list(pool.map(lambda user_id: complete(app, user_id), learners))
    issued = time.monotonic() - started
    took = wait_ready(app, learners, started, {})
    final = states(app, learners)
    print(f"  completions took {issued:.1f} s; request median "
          f"{statistics.median(durations) * 1000:.0f} ms, p95 "
          f"{percentile(durations, 0.95) * 1000:.0f} ms, max {max(durations) * 1000:.0f} ms")
    if took is None:
        print(f"  NOT all ready {TIMEOUT:.0f} s after: {final}")
    else:
        print(f"  all ready {took:.1f} s after the first ({args.burst / took:.1f} renders/s, "
              f"drained {took - issued:.1f} s after the last); lost "
              f"{args.burst - final['users']}, duplicated {final['rows'] - final['users']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=150)
    parser.add_argument("--outage", type=float, default=60.0)
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--cases", default="database,burst", help="comma-separated")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lms-bench-faults-"))
    admin = sa.create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        connection.execute(sa.text(f"CREATE DATABASE {DATABASE}"))
    proxy = Proxy(sa.make_url(SERVER).port or 5432)
    redis = RedisServer(work)
    url = sa.make_url(f"{SERVER}/{DATABASE}").set(host="127.0.0.1", port=proxy.port)
    env = {**os.environ, "FLASK_APP": "lms", "LMS_INSTANCE_PATH": str(work / "instance"),
           "DATABASE_URL": url.render_as_string(hide_password=False),
           "CELERY_BROKER_URL": redis.url, "SECRET_KEY": "bench", "ARGON2_MEMORY_COST": "8",
           "ARGON2_TIME_COST": "1", "COURSES_DIR": str(MINI_COURSE.parent)}
    os.environ.update(env)
    (work / "instance").mkdir()
    # One connection per completing thread (a web process has one, or one per thread).
    app = create_app({"CELERY": settings_from_env(work / "instance")["CELERY"],
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 20}})
    app.logger.setLevel("WARNING")
    processes = []
    try:
        with app.app_context():
            db.create_all()
            import_course(load_course(MINI_COURSE))
            db.session.commit()
        processes.append(Process("worker", [sys.executable, "-m", "lms.worker", "--loglevel",
                                            "INFO", "--concurrency", "2", "--without-gossip",
                                            "--without-mingle"], env, work))
        processes.append(Process("beat", [sys.executable, "-m", "celery", "-A", "celery_worker",
                                          "beat", "--schedule", str(work / "beat")], env, work))
        deadline = time.monotonic() + 60
        while " ready." not in processes[0].output():
            if time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start; see {processes[0].log}")
            time.sleep(0.2)
        cases = args.cases.split(",")
        if "database" in cases:
            database_down(app, proxy, args)
        if "burst" in cases:
            burst(app, args)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.stop()
        redis.stop()
        proxy.down()
        with app.app_context():
            db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))


if __name__ == "__main__":
    main()
