"""Benchmark: every report page and CSV on 100,000 learners and ~10 million progress rows
(run on demand, never in the tests).

    .venv/bin/python bench/reports.py [--learners 100000] [--attempts 82] [--runs 5]

On PostgreSQL: seeds bench/scale.py's data (each learner enrolled, every lesson completed, 80
quiz attempts), then makes it look like a year of use: enrolments spread over the last 365 days
and 60% completed, the attempts numbered and first passes recorded, first attempts' answers
filled in, first attempts and passes spread over the year, certificates for the completed (1%
revoked) and survey answers for half; then `flask reports rebuild-tallies` makes the running
counts the steps would have kept. Each
report is asked for over the default period (the last 365 days, so every row is in range: the
worst case) by a signed-in trainer; prints the median and slowest time of --runs requests.
"""
import argparse
import statistics
import time
import urllib.parse
import urllib.request

import psycopg
from harness import PASSWORD, PG_URL, Site
from scale import seed

REPORTS = [f"/manage/restraint-and-seclusion/reports/{name}" for name in (
    "activity", "activity?by=week", "funnel", "quizzes", "completion", "funder")]
BUDGET_MS = 1000
YEAR_OF_USE = """
UPDATE enrolment SET started_at = now() - make_interval(days => (user_id * 37) % 365,
                                                         secs => (user_id * 7919) % 86400);
UPDATE enrolment SET completed_at = least(now(), started_at
                                          + make_interval(days => (user_id * 13) % 60))
WHERE user_id % 5 < 3;
UPDATE quiz_attempt AS a SET attempt_number = numbered.n
FROM (SELECT id, row_number() OVER (PARTITION BY user_id, quiz_id ORDER BY id) AS n
      FROM quiz_attempt) AS numbered
WHERE a.id = numbered.id AND numbered.n > 1;
INSERT INTO quiz_pass (user_id, quiz_id, passed_at, attempts)
SELECT user_id, quiz_id, min(submitted_at), min(attempt_number)
FROM quiz_attempt WHERE passed GROUP BY user_id, quiz_id;
UPDATE quiz_pass AS p SET passed_at = least(now(), e.started_at
                                              + make_interval(hours => p.quiz_id * p.attempts))
FROM enrolment e WHERE e.user_id = p.user_id;
UPDATE quiz_attempt AS a SET answers = picked.answers, submitted_at = picked.submitted_at
FROM (SELECT a.id, json_object_agg(q.key, json_build_array(
             (a.user_id + q.position) % json_array_length(q.choices))) AS answers,
             least(now(), min(e.started_at) + make_interval(hours => a.quiz_id)) AS submitted_at
      FROM quiz_attempt a JOIN question q ON q.quiz_id = a.quiz_id AND NOT q.retired
      JOIN enrolment e ON e.user_id = a.user_id
      WHERE a.attempt_number = 1 GROUP BY a.id) AS picked
WHERE a.id = picked.id;
INSERT INTO certificate (user_id, course_id, edition, printed_name, course_title, organisation,
                         language, completed_at, issued_at, code, status, queued_at, attempts,
                         error, revoked_at, revoked_reason)
SELECT e.user_id, e.course_id, '1', 'Seeded Learner', 'Course', 'Org', 'en', e.completed_at,
       e.completed_at, upper(substr(md5('code' || e.user_id), 1, 19)),
       CASE WHEN e.user_id % 100 = 0 THEN 'revoked' ELSE 'ready' END, e.completed_at, 1, '',
       CASE WHEN e.user_id % 100 = 0 THEN e.completed_at END, ''
FROM enrolment e WHERE e.completed_at IS NOT NULL;
INSERT INTO survey_answer (user_id, usefulness, knows_rights, role, state, language, updated_at)
SELECT u.id, 1 + u.id % 5, (ARRAY['yes', 'no', 'unsure'])[1 + u.id % 3],
       (ARRAY['parent', 'educator', 'advocate', 'other'])[1 + u.id % 4],
       (ARRAY['CA', 'TX', 'NY', 'FL', 'WY'])[1 + u.id % 5],
       (ARRAY['en', 'es', 'other'])[1 + u.id % 3], now()
FROM "user" u WHERE u.email LIKE 'seed%' AND u.id % 2 = 0;
VACUUM ANALYZE;
"""


def make_a_year_of_use() -> None:
    url = urllib.parse.urlsplit(PG_URL.replace("+psycopg", "")).geturl()
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in YEAR_OF_USE.split(";\n"):
            if statement.strip():
                started = time.monotonic()
                connection.execute(statement)
                print(f"  {' '.join(statement.split()[:3])}: "
                      f"{time.monotonic() - started:.0f} s", flush=True)


def timed(site: Site, path: str, cookie: str, runs: int) -> tuple[float, float, int]:
    """(median ms, slowest ms, bytes) of `runs` requests, after one to warm the snapshot."""
    times, size = [], 0
    for attempt in range(runs + 1):
        request = urllib.request.Request(site.url + path, headers={"Cookie": cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            size = len(response.read())
        if attempt:
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--attempts", type=int, default=82)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    site = Site("postgresql")
    site.flask("users", "create", "trainer@example.org", "--name", "Bench Trainer",
               "--role", "trainer", stdin=PASSWORD + "\n")
    started = time.monotonic()
    rows = seed(args.learners, args.attempts)
    print(f"seeded {rows:,} progress rows in {time.monotonic() - started:.0f} s", flush=True)
    make_a_year_of_use()
    started = time.monotonic()
    site.flask("reports", "rebuild-tallies")  # the running counts the steps would have kept
    print(f"  flask reports rebuild-tallies: {time.monotonic() - started:.0f} s", flush=True)
    site.start()
    try:
        cookie = site.signed_in_cookie("trainer@example.org")
        results = [(path, *timed(site, path, cookie, args.runs))
                   for base in REPORTS for path in (base, base.replace("?", ".csv?", 1)
                                                    if "?" in base else base + ".csv")]
    finally:
        site.stop()
    print(f"\n{args.learners:,} learners, {rows:,} progress rows (PostgreSQL), "
          f"period: the last 365 days (every row)\n")
    print("| report | median ms | slowest ms | bytes | within 1 s |\n|---|---|---|---|---|")
    for path, median, slowest, size in results:
        print(f"| {path} | {median:.0f} | {slowest:.0f} | {size:,} | "
              f"{'yes' if slowest < BUDGET_MS else 'NO'} |")


if __name__ == "__main__":
    main()
