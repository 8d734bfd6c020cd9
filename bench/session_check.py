"""Benchmark: the session check alone, the one statement every signed-in request runs (run on
demand).

    .venv/bin/python bench/session_check.py [--database sqlite postgresql] [--runs 3000]

Builds the site as bench/cpu_profile.py does (a fresh database, the project's courses, one
learner who has completed two lessons), then runs the signed-in lesson's session check
(auth.sessions.load's statement, with everything the learner pages read along) in a request
context, --runs times in each of five rounds, and prints the median CPU a run took in this
process and, on PostgreSQL, in the database's backends (from /proc). It measures the cost of
the round trip that every signed-in page pays, apart from the rest of the page.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cpu_profile import LESSON, Backends, build, signed_in_learner  # noqa: E402


def measure(database: str, runs: int) -> str:
    from sqlalchemy import select  # noqa: PLC0415

    from lms.auth import sessions  # noqa: PLC0415
    from lms.auth.models import LoginSession  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="lms-session-check-") as folder:
        app, db = build(database, Path(folder))
        signed_in_learner(app)
        with app.app_context():
            key = db.session.scalar(select(LoginSession.key))
        backends = Backends() if database == "postgresql" else None
        with app.test_request_context(LESSON):
            along = tuple(sessions._read_along)  # noqa: SLF001 - what the learner pages read
            dialect = db.engine.dialect
            query, _ = sessions._session_by_key(along, (dialect.name, dialect.driver))  # noqa: SLF001
            for _ in range(200):  # warm up: the pool, the driver's prepared statement
                query.first({"key": key})
            app_us, database_us = [], []
            for _ in range(5):
                database_start = backends.seconds() if backends else 0.0
                start = time.process_time()
                for _ in range(runs):
                    query.first({"key": key})
                app_us.append((time.process_time() - start) / runs * 1e6)
                if backends:
                    database_us.append((backends.seconds() - database_start) / runs * 1e6)
    row = f"| {database} | {', '.join(along)} | {statistics.median(app_us):.0f} |"
    return row + (f" {statistics.median(database_us):.0f} |" if backends else " - |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], nargs="+",
                        default=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=3000)
    args = parser.parse_args()
    print("| database | read along | app CPU us/run (median of 5) | database CPU us/run |\n"
          "|---|---|---|---|")
    for database in args.database:
        print(measure(database, args.runs), flush=True)


if __name__ == "__main__":
    main()
