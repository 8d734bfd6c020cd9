"""Profile: the CPU one request of each learner page costs, in-process (run on demand).

    .venv/bin/python bench/cpu_profile.py [--requests 300] [--database sqlite|postgresql]
                                          [--profile "lesson, signed in"] [--top 25]

Builds the site on a fresh database (a SQLite file, or BENCH_PG_URL's database, recreated) with
the project's courses and one learner who has read and completed a few lessons, then sends each
page --requests times through Flask's test client (after a warm-up) and prints the median CPU
time a request took (time.process_time, this process only: the app and, on SQLite, the
database) and the SQL queries it issued; on PostgreSQL, also the CPU the database's backends
spent for it (from /proc), and the two added. With --profile it also prints cProfile's top
functions for that page. No server, no HTTP, no load generator: the figures measure the
application's own work and hold on a shared machine, where wall-clock throughput does not.
"""
import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COURSE = "restraint-and-seclusion"
LESSON = f"/courses/{COURSE}/lessons/what-restraint-is"
PASSWORD = "bench password for the profile"
LESSON_2 = f"/courses/{COURSE}/lessons/what-seclusion-is"
MODULE = f"/courses/{COURSE}/modules/definitions"
PAGES = {"lesson, visitor": (LESSON, False),
         "lesson, signed in": (LESSON, True),
         "lesson, signed in, place moves": ((LESSON, LESSON_2), True),
         "My learning, signed in": ("/my-learning", True),
         "home, visitor": ("/", False),
         "home, signed in": ("/", True),
         "module, signed in": (MODULE, True),
         "quiz, signed in": (MODULE + "/quiz", True)}


def build(database: str, folder: Path):
    from harness import PG_URL, _recreate_postgres_database  # noqa: PLC0415

    from lms import create_app  # noqa: PLC0415
    from lms.content.importer import import_course  # noqa: PLC0415
    from lms.content.loader import load_course  # noqa: PLC0415
    from lms.extensions import db  # noqa: PLC0415
    from tests.factories import make_user  # noqa: PLC0415

    if database == "postgresql":
        _recreate_postgres_database(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{folder / 'profile.sqlite3'}"
    os.environ["LMS_INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({"SECRET_KEY": "profile", "SQLALCHEMY_DATABASE_URI": url,
                      "WTF_CSRF_ENABLED": False,  # the test client posts no form tokens
                      "READING_FLUSH_SECONDS": 0, "CELERY": {"broker_url": "memory://",
                                                             "task_always_eager": False}})
    with app.app_context():
        db.create_all()
        for course in sorted((ROOT / "modules").iterdir()):
            if (course / "course.yaml").is_file():
                import_course(load_course(course))
        db.session.commit()
        make_user("learner@example.org", "Profile Learner", PASSWORD)
    return app, db


def signed_in_learner(app):
    """A test client signed in as the site's learner, who has completed two lessons."""
    client = app.test_client()
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    for slug in ("what-restraint-is", "what-seclusion-is"):
        client.post(f"/courses/{COURSE}/lessons/{slug}/complete")
    return client


def measure(app, db, requests: int, profile: str | None, top: int) -> None:
    signed_in = signed_in_learner(app)
    visitor = app.test_client()
    queries = []
    with app.app_context():
        engine = db.engine

    def count(_connection, _cursor, statement, *_args):
        queries.append(statement)
    postgresql = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    backends = Backends() if postgresql else None
    print("| page | CPU ms/request (median) | mean | SQL queries |"
          + (" database CPU ms/request | app (mean) + database |" if backends else "")
          + "\n|---|---|---|---|" + ("---|---|" if backends else ""))
    for name, (paths, is_signed_in) in PAGES.items():
        client = signed_in if is_signed_in else visitor
        paths = (paths,) if isinstance(paths, str) else paths  # several: each in turn
        for n in range(20):  # warm up: snapshots, page caches, the learner's place
            path = paths[n % len(paths)]
            assert client.get(path).status_code == 200, (name, path)
        # Counted on one request, with a listener that is gone before the timed ones: the
        # session check runs through SQLAlchemy's execution only while statements are listened
        # to (lms/driver_query.py).
        queries.clear()
        event.listen(engine, "before_cursor_execute", count)
        client.get(paths[0])
        event.remove(engine, "before_cursor_execute", count)
        statements = len([q for q in queries if not q.startswith("BEGIN")])
        profiler = cProfile.Profile() if name == profile else None
        times = []
        database_start = backends.seconds() if backends else 0.0
        for n in range(requests):
            path = paths[(n + 1) % len(paths)]
            start = time.process_time()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            times.append(time.process_time() - start)
            assert response.status_code == 200
        row = (f"| {name} | {statistics.median(times) * 1000:.2f} | "
               f"{statistics.mean(times) * 1000:.2f} | {statements} |")
        if backends:
            database = (backends.seconds() - database_start) * 1000 / requests
            row += f" {database:.3f} | {statistics.mean(times) * 1000 + database:.2f} |"
        print(row, flush=True)
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(top)
            stats.sort_stats("tottime").print_stats(top)


class Backends:
    """The CPU of the PostgreSQL backends connected to the profile's database (the app's pool,
    warmed up before this is made), from /proc."""

    def __init__(self):
        from harness import PG_URL, backend_pids, postgres_server  # noqa: PLC0415

        with postgres_server() as connection:
            self.pids = backend_pids(connection, urllib.parse.urlsplit(PG_URL).path.lstrip("/"))

    def seconds(self) -> float:
        from harness import _cpu_seconds  # noqa: PLC0415

        return sum(_cpu_seconds(pid) or 0.0 for pid in self.pids)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--profile", choices=list(PAGES), help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lms-profile-") as folder:
        app, db = build(args.database, Path(folder))
        measure(app, db, args.requests, args.profile, args.top)


if __name__ == "__main__":
    main()
