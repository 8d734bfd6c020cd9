"""Benchmark: learner pages against a bare Flask page of the same size (run on demand).

    .venv/bin/python bench/pages.py [--databases postgresql sqlite] [--rounds 2] [--courses 2 50]

For each database: the lesson page for a visitor, the lesson page and "My learning" signed in,
in English and in Spanish (the `lang` cookie: each language has its own snapshot and page cache),
each driven by wrk (-t2 -c32, BENCH_SECONDS long) on loopback and alternated with the floor, a
bare Flask + Jinja page of the same size under the same gunicorn settings (A B A B). Prints the
medians (req/s, p50, p99, errors) and each page's ratio to the floor measured beside it, and the
server's own CPU per request (gunicorn's processes, and PostgreSQL's backends for the site,
from /proc; wrk's left out) with its ratio, the steadier figure on a shared machine. Each run
is made with the project's courses and again with copies up to 50 listed courses: the ratios of
the two runs should agree (the cost of a page does not grow with the catalogue).
"""
import argparse
import statistics

from harness import COURSE, Floor, Site, measured_wrk, median_run, require_wrk, table

LESSON = f"/courses/{COURSE}/lessons/what-restraint-is"


def measure(database: str, rounds: int, courses: int) -> str:
    site = Site(database, courses).start()
    try:
        cookie = site.signed_in_cookie()
        site.page_size(LESSON, cookie)  # the learner's place is remembered before timing
        spanish = f"{cookie}; lang=es"
        site.page_size(LESSON, spanish)
        pages = {"home (the catalogue), visitor": ("/", None),
                 "lesson, visitor": (LESSON, None),
                 "lesson, signed in": (LESSON, cookie),
                 "My learning, signed in": ("/my-learning", cookie),
                 "lesson, visitor, Spanish": (LESSON, "lang=es"),
                 "lesson, signed in, Spanish": (LESSON, spanish),
                 "My learning, signed in, Spanish": ("/my-learning", spanish)}
        floor = Floor(site.page_size(LESSON))
        try:
            runs = {name: [] for name in ["floor", *pages]}
            ratios = {name: [] for name in pages}
            for _ in range(rounds):
                for name, (path, page_cookie) in pages.items():
                    base = measured_wrk(floor, floor.url)  # A
                    run = measured_wrk(site, site.url + path, page_cookie)  # B
                    runs["floor"].append(base)
                    runs[name].append(run)
                    ratios[name].append(run.requests_per_second / base.requests_per_second)
        finally:
            floor.stop()
    finally:
        site.stop()
    rows = [("bare Flask + Jinja page (the floor)", median_run(runs["floor"]), 1.0)]
    for name in pages:
        rows.append((name, median_run(runs[name]), statistics.median(ratios[name])))
    return table(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", nargs="+", default=["postgresql", "sqlite"])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--courses", type=int, nargs="+", default=[2, 50],
                        help="listed courses (the project's own, then copies): one run each")
    args = parser.parse_args()
    require_wrk()
    for database in args.databases:
        for courses in args.courses:
            print(f"\n### {database}, {courses} listed courses\n")
            print(measure(database, args.rounds, courses), flush=True)


if __name__ == "__main__":
    main()
