"""Benchmark: signed-in pages with one learner, then with 100,000 (run on demand).

    .venv/bin/python bench/scale.py [--learners 100000] [--attempts 82]

On PostgreSQL: measures the signed-in lesson page and "My learning" (wrk on loopback,
alternated with the bare floor page), then seeds 100,000 learners with SQL, each enrolled,
with every lesson completed and --attempts quiz attempts (about 10 million progress rows in
all), and measures again. Prints each page's time per request at scale relative to one learner,
normalised by the floor measured beside it (so machine noise between the two halves cancels).
"""
import argparse
import statistics
import urllib.parse

import psycopg
from harness import PG_URL, Floor, Site, median_run, require_wrk, wrk

LESSON = "/courses/restraint-and-seclusion/lessons/what-restraint-is"
SEED = """
INSERT INTO "user" (email, name, certificate_name, password_hash, role, session_token,
                    created_at)
SELECT 'seed' || n || '@example.org', 'Seeded Learner ' || n, '', 'not-a-hash', 'learner',
       md5('seed-token-' || n), now()
FROM generate_series(1, %(learners)s) AS n;

INSERT INTO enrolment (user_id, course_id, started_at, last_lesson_id)
SELECT u.id, c.id, now(), (SELECT min(id) FROM lesson)
FROM "user" u CROSS JOIN (SELECT min(id) AS id FROM course) c
WHERE u.email LIKE 'seed%%';

INSERT INTO lesson_completion (user_id, lesson_id, completed_at)
SELECT u.id, l.id, now()
FROM "user" u CROSS JOIN lesson l
WHERE u.email LIKE 'seed%%';

INSERT INTO quiz_attempt (user_id, quiz_id, submitted_at, score, passed, answers)
SELECT u.id, q.id, now(), s.score, s.score >= 80, '{}'
FROM "user" u
CROSS JOIN generate_series(1, %(attempts)s / 4) AS a
CROSS JOIN quiz q
CROSS JOIN LATERAL (SELECT ((u.id * 7 + a * 13 + q.id) %% 101) AS score) s
WHERE u.email LIKE 'seed%%';
ANALYZE;
"""


def measure(site: Site, cookie: str, rounds: int) -> dict[str, tuple[float, float]]:
    """Per page: (median ratio of its req/s to the floor's, median p50 in ms)."""
    floor = Floor(site.page_size(LESSON, cookie))
    try:
        ratios, p50 = {}, {}
        for _ in range(rounds):
            for name, path in (("lesson, signed in", LESSON), ("My learning", "/my-learning")):
                base = wrk(floor.url)
                run = wrk(site.url + path, cookie)
                if run.errors:
                    raise RuntimeError(f"{name}: {run.errors} errors")
                ratios.setdefault(name, []).append(
                    run.requests_per_second / base.requests_per_second)
                p50.setdefault(name, []).append(run)
        return {name: (statistics.median(r), median_run(p50[name]).p50_ms)
                for name, r in ratios.items()}
    finally:
        floor.stop()


def seed(learners: int, attempts: int) -> int:
    url = urllib.parse.urlsplit(PG_URL.replace("+psycopg", "")).geturl()
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in SEED.split(";\n"):
            if statement.strip():
                connection.execute(statement, {"learners": learners, "attempts": attempts})
        return connection.execute(
            "SELECT (SELECT count(*) FROM lesson_completion) + "
            "(SELECT count(*) FROM quiz_attempt) + (SELECT count(*) FROM enrolment)"
        ).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--attempts", type=int, default=82)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    require_wrk()
    site = Site("postgresql").start()
    try:
        cookie = site.signed_in_cookie()
        site.page_size(LESSON, cookie)
        small = measure(site, cookie, args.rounds)
        rows = seed(args.learners, args.attempts)
        large = measure(site, cookie, args.rounds)
    finally:
        site.stop()
    print(f"\n{args.learners:,} learners, {rows:,} progress rows (PostgreSQL)\n")
    print("| page | 1 learner: vs floor, p50 | at scale: vs floor, p50 | time at scale / time "
          "with 1 learner |\n|---|---|---|---|")
    for name in small:
        (r1, p1), (r2, p2) = small[name], large[name]
        print(f"| {name} | {r1:.2f}x, {p1:.1f} ms | {r2:.2f}x, {p2:.1f} ms | {r1 / r2:.2f}x |")


if __name__ == "__main__":
    main()
