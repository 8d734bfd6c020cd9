"""Benchmark: how many simulated learners the site holds, and what each costs the server's CPU
(run on demand).

    .venv/bin/python bench/learners.py [--counts 1000 2000 5000 10000 20000 30000] [--seconds 20]

Each simulated learner makes about one request every 30 s (an open loop: arrivals are
scheduled at the total rate, and latency counts from the scheduled time, so a slow server
cannot slow the arrivals down). The mix: read a lesson 45%, open the home page 15%,
My learning 15%, a module page 9.5%, mark a lesson complete 10%, open a quiz to answer it 4.5%
(it draws the attempt's questions and signs the draw, which a submission must carry), sign in
1% (argon2id at OWASP's 19 MiB, t=2, p=1: about 65 ms of CPU each here).
Learners are seeded with SQL on PostgreSQL and given the session cookies a browser would hold
after signing in. Counts rise until p95 passes 100 ms or a request fails; every step is bounded
by --seconds and all traffic stays on 127.0.0.1.

At each level it also prints the server's CPU per request: utime + stime from /proc of the
site's gunicorn processes and of the PostgreSQL backends connected to its database (the load
generator, this process, is left out), divided by the requests answered; and learners per core
= 30 s / that CPU (one core kept busy by learners who each ask once every 30 s). Unlike the
latencies, this figure does not depend on what else shares the machine.
"""
import argparse
import asyncio
import os
import random
import statistics
import time
import urllib.parse

import psycopg
from flask import session
from flask_login.utils import _create_identifier
from flask_wtf.csrf import generate_csrf
from harness import COURSE, PASSWORD, PG_URL, USER_AGENT, ServerCPU, Site

from lms import create_app
from lms.auth.passwords import hash_password
from lms.catalogue.listing import course_ref

PERIOD = 30.0  # seconds between one learner's requests, on average
CONNECTIONS = 64
COURSE_PATH = f"/courses/{COURSE}"


class Learners:
    """Seeded accounts and, for each, a signed-in session cookie and its CSRF token."""

    def __init__(self, site: Site, count: int):
        url = urllib.parse.urlsplit(PG_URL.replace("+psycopg", "")).geturl()
        app = create_app()
        with app.app_context():
            password_hash = hash_password(PASSWORD)  # the production argon2id settings
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(
                """INSERT INTO "user" (email, name, certificate_name, password_hash, role,
                                       session_token, created_at)
                   SELECT 'sim' || n || '@example.org', 'Simulated ' || n, '', %s, 'learner',
                          md5('sim-token-' || n), now()
                   FROM generate_series(1, %s) AS n""", (password_hash, count))
            # One server-side session per learner, as signing in makes (lms/auth/sessions.py).
            connection.execute(
                """INSERT INTO login_session (key, user_id, user_token, remember, created_at,
                                              last_seen_at)
                   SELECT md5('sim-key-' || id), id, session_token, false, now(), now()
                   FROM "user" WHERE email LIKE 'sim%%'""")
            tokens = connection.execute(
                """SELECT u.email, s.key FROM "user" u JOIN login_session s ON s.user_id = u.id
                   WHERE u.email LIKE 'sim%%' ORDER BY u.id""").fetchall()
        serializer = app.session_interface.get_signing_serializer(app)
        self.accounts = []
        for email, key in tokens:
            self.accounts.append((email, *_session(app, serializer, {"_user_id": key})))
        self.visitor = _session(app, serializer, {})


def _session(app, serializer, values: dict) -> tuple[str, str]:
    """The cookie a browser holds after signing in (or, with no values, a visitor's), and the
    CSRF token its forms carry."""
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"},
                                  headers={"User-Agent": USER_AGENT}):
        session.update(values)
        if values:
            session["_fresh"] = True
            session["_id"] = _create_identifier()
        csrf = generate_csrf()
        return f"session={serializer.dumps(dict(session))}", csrf


class Connection:
    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def request(self, method: str, path: str, cookie: str, body: bytes = b"") -> int:
        for attempt in (1, 2):  # the server may have closed an idle keep-alive connection
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1",
                                                                             self.port)
                head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        f"User-Agent: {USER_AGENT}\r\nCookie: {cookie}\r\n")
                if body:
                    head += ("Content-Type: application/x-www-form-urlencoded\r\n"
                             f"Content-Length: {len(body)}\r\n")
                self.writer.write(head.encode() + b"\r\n" + body)
                status_line = await self.reader.readuntil(b"\r\n")
                length, close = 0, False
                while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
                    name, _, value = line.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "connection" and "close" in value.lower():
                        close = True
                await self.reader.readexactly(length)
                if close:
                    self.close()
                return int(status_line.split()[1])
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    return 0
        return 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def choose(learners: Learners, lessons: list[str], modules: list[str]):
    email, cookie, csrf = random.choice(learners.accounts)
    roll = random.random()
    if roll < 0.45:
        return "GET", f"{COURSE_PATH}/lessons/{random.choice(lessons)}", cookie, b""
    if roll < 0.60:
        return "GET", "/", cookie, b""
    if roll < 0.75:
        return "GET", "/my-learning", cookie, b""
    if roll < 0.845:
        return "GET", f"{COURSE_PATH}/modules/{random.choice(modules)}", cookie, b""
    if roll < 0.945:
        body = urllib.parse.urlencode({"csrf_token": csrf}).encode()
        return "POST", f"{COURSE_PATH}/lessons/{random.choice(lessons)}/complete", cookie, body
    if roll < 0.99:
        return "GET", f"{COURSE_PATH}/modules/{random.choice(modules)}/quiz", cookie, b""
    visitor_cookie, visitor_csrf = learners.visitor
    body = urllib.parse.urlencode({"email": email, "password": PASSWORD,
                                   "csrf_token": visitor_csrf}).encode()
    return "POST", "/login", visitor_cookie, body


async def step(port: int, count: int, seconds: float, pick) -> tuple[float, float, int, int]:
    """Run count learners for seconds; returns (p50 ms, p95 ms, errors, requests)."""
    rate = count / PERIOD
    idle: asyncio.Queue = asyncio.Queue()
    for _ in range(CONNECTIONS):
        idle.put_nowait(Connection(port))
    latencies, errors, tasks = [], 0, []
    by_kind: dict[str, list[float]] = {}

    async def one(scheduled: float):
        nonlocal errors
        connection = await idle.get()
        request = pick()
        try:
            status = await asyncio.wait_for(connection.request(*request), timeout=5)
        except TimeoutError:
            connection.close()
            status = 0
        idle.put_nowait(connection)
        latencies.append((time.monotonic() - scheduled) * 1000)
        kind = f"{request[0]} {request[1].split('/')[1] or 'home'}"
        by_kind.setdefault(kind, []).append(latencies[-1])
        # A page must be served (a redirect to log in would mean the session did not hold);
        # a form post answers with its page or a redirect.
        if status != 200 and not (request[0] == "POST" and status in (302, 303)):
            errors += 1

    start = time.monotonic()
    scheduled = start
    while scheduled < start + seconds:
        scheduled += random.expovariate(rate)
        delay = scheduled - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(scheduled)))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    while not idle.empty():
        idle.get_nowait().close()
    latencies.sort()
    if os.environ.get("BENCH_DEBUG"):
        for kind, values in sorted(by_kind.items()):
            print(f"  {kind}: n={len(values)} median={statistics.median(values):.1f} "
                  f"max={max(values):.1f} ms")
    return (statistics.median(latencies), latencies[int(0.95 * (len(latencies) - 1))], errors,
            len(latencies))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+",
                        default=[1000, 2000, 5000, 10000, 15000, 20000, 25000, 30000])
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    site = Site("postgresql")
    os.environ.update(site.env)  # this process builds cookies with the site's own settings
    learners = Learners(site, max(args.counts))
    site.start()
    try:
        with create_app().app_context():
            snapshot = course_ref(COURSE).snapshot()
            lessons = [lesson.slug for lesson in snapshot.lessons]
            modules = [m.slug for m in snapshot.modules if m.has_quiz]

        def pick():
            return choose(learners, lessons, modules)

        # Warm up (not counted): each process builds its snapshot and opens its connections.
        asyncio.run(step(site.server.port, args.counts[0], 5, pick))
        cpu = ServerCPU(site)
        print("\n| learners | req/s offered | p50 ms | p95 ms | errors | server CPU ms/request "
              "| of which PostgreSQL's | learners per core |\n|---|---|---|---|---|---|---|---|")
        held = 0
        try:
            for count in args.counts:
                with cpu:
                    p50, p95, errors, done = asyncio.run(step(site.server.port, count,
                                                              args.seconds, pick))
                per_request = cpu.seconds / done
                per_core = PERIOD / per_request if per_request else float("inf")
                print(f"| {count:,} | {count / PERIOD:,.0f} | {p50:.1f} | {p95:.1f} | {errors} "
                      f"| {per_request * 1000:.2f} | {cpu.database_seconds / done * 1000:.2f} "
                      f"| {per_core:,.0f} |", flush=True)
                if p95 > 100 or errors:
                    break
                held = count
        finally:
            cpu.close()
        print(f"\nLargest count held with p95 <= 100 ms and no errors: {held:,}")
    finally:
        site.stop()


if __name__ == "__main__":
    main()
