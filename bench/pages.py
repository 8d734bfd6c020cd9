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

wrk's closed loop runs the server flat out, where a page's latency is its queue: by Little's
law, 32 connections over N req/s wait 32/N s on average, so a page at a third of the floor's
req/s has about three times its latencies, p99 included, whatever else it does. A second table
therefore offers every page and the floor the same load (half the slowest page's req/s, each
connection pausing between requests: harness.wrk's pause_ms), A B A B, and compares the p99s:
what a reader waits at a load the site can carry.
"""
import argparse
import statistics

from harness import (
    CONNECTIONS,
    COURSE,
    Floor,
    Run,
    Site,
    measured_wrk,
    median_run,
    require_wrk,
    table,
)

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
            flat_out = alternated(site, floor, pages, rounds)
            slowest = min(run.requests_per_second for run, _ in flat_out.values())
            pause_ms = max(1, round(CONNECTIONS * 1000 / (slowest / 2)))
            same_load = alternated(site, floor, pages, rounds, pause_ms)
        finally:
            floor.stop()
    finally:
        site.stop()
    return "\n\n".join([
        table([(name, run, ratio) for name, (run, ratio) in flat_out.items()]),
        f"The same load for each (at most {CONNECTIONS * 1000 / pause_ms:,.0f} req/s offered: "
        f"{CONNECTIONS} connections, each pausing {pause_ms} ms between requests):",
        latency_table(same_load)])


def alternated(site: Site, floor: Floor, pages: dict, rounds: int,
               pause_ms: int = 0) -> dict[str, tuple[Run, float]]:
    """Each page beside the floor (A B A B): the median runs, and each page's median ratio to
    the floor run just before it: req/s flat out; with pause_ms, the page's p99 over the
    floor's."""
    runs = {name: [] for name in ["floor", *pages]}
    ratios = {name: [] for name in pages}
    for _ in range(rounds):
        for name, (path, page_cookie) in pages.items():
            base = measured_wrk(floor, floor.url, pause_ms=pause_ms)  # A
            run = measured_wrk(site, site.url + path, page_cookie, pause_ms)  # B
            runs["floor"].append(base)
            runs[name].append(run)
            ratios[name].append(run.p99_ms / base.p99_ms if pause_ms
                                else run.requests_per_second / base.requests_per_second)
    result = {"bare Flask + Jinja page (the floor)": (median_run(runs["floor"]), 1.0)}
    for name in pages:
        result[name] = (median_run(runs[name]), statistics.median(ratios[name]))
    return result


def latency_table(rows: dict[str, tuple[Run, float]]) -> str:
    lines = ["| page | req/s served | p50 ms | p99 ms | errors | p99 vs the floor's beside it |",
             "|---|---|---|---|---|---|"]
    for name, (run, ratio) in rows.items():
        lines.append(f"| {name} | {run.requests_per_second:,.0f} | {run.p50_ms:.1f} | "
                     f"{run.p99_ms:.1f} | {run.errors} | {ratio:.2f}x |")
    return "\n".join(lines)


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
