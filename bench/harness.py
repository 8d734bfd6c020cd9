"""Shared pieces of the page benchmarks: a site under gunicorn, the bare floor, wrk, medians.

Everything listens and is driven on 127.0.0.1 only; every load run is bounded by wrk's -d.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import nullcontext
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/lms_bench")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
# The gunicorn settings of the Procfile, for the site and for the floor alike.
GUNICORN = ["--worker-class", "gthread", "--workers", os.environ.get("WEB_CONCURRENCY", "2"),
            "--threads", os.environ.get("WEB_THREADS", "4"), "--log-level", "warning"]
PASSWORD = "bench password for wrk"
# Every request says it is the same browser, as a person's do: the session cookie remembers the
# browser it signed in on, and a different one (wrk sends none) would change the session on every
# request and make each response set a new cookie, which no real browser's requests do.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) lms-bench"


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (make bench does it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port} after {timeout}s")


class Server:
    """gunicorn serving app_spec on a free loopback port, until stop()."""

    def __init__(self, app_spec: str, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", *GUNICORN, app_spec],
            env=env, cwd=ROOT)
        wait_for_port(self.port, self.process)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


COURSE = "restraint-and-seclusion"  # the course the page benchmarks read


def course_folders(into: Path, count: int) -> Path:
    """A modules/ folder with `count` listed courses: the project's own, then copies of the
    parents' course under other slugs (a catalogue of that size, each course a real one)."""
    into.mkdir()
    real = sorted(p for p in (ROOT / "modules").iterdir() if (p / "course.yaml").is_file())
    for folder in real:
        (into / folder.name).symlink_to(folder)
    for n in range(count - len(real)):
        copy = into / f"copy-{n}"
        shutil.copytree(ROOT / "modules" / COURSE, copy)
        text = (copy / "course.yaml").read_text().replace(f"slug: {COURSE}", f"slug: copy-{n}", 1)
        (copy / "course.yaml").write_text(text)
    return into


class Site:
    """The course platform on a fresh database (PostgreSQL or SQLite), its courses imported
    (with copies up to `courses` listed courses), one learner who can sign in."""

    def __init__(self, database: str, courses: int = 0):
        self.folder = Path(tempfile.mkdtemp(prefix="lms-bench-"))
        if database == "postgresql":
            _recreate_postgres_database(PG_URL)
            url = PG_URL
        else:
            url = f"sqlite:///{self.folder / 'bench.sqlite3'}"
        self.database = database
        self.env = {**os.environ, "FLASK_APP": "lms", "LMS_INSTANCE_PATH": str(self.folder),
                    "DATABASE_URL": url, "SECRET_KEY": "bench-secret",
                    "LOGIN_RATE_LIMIT": "100000 per minute", "CELERY_BROKER_URL": "memory://"}
        if courses:
            self.env["COURSES_DIR"] = str(course_folders(self.folder / "modules", courses))
        self.flask("db", "upgrade")
        self.flask("content", "import")
        self.flask("users", "create", "learner@example.org", "--name", "Bench Learner",
                   stdin=PASSWORD + "\n")
        self.server: Server | None = None

    def flask(self, *args: str, stdin: str | None = None) -> None:
        done = subprocess.run([str(BIN / "flask"), *args], env=self.env, cwd=ROOT, input=stdin,
                              text=True, capture_output=True)
        if done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)}: exit {done.returncode}\n{done.stderr}")

    def start(self) -> "Site":
        self.server = Server("lms:create_app()", self.env)
        return self

    def stop(self) -> None:
        if self.server:
            self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return self.server.url

    def signed_in_cookie(self, email: str = "learner@example.org") -> str:
        """Log in through the real form and return the session cookie, as a browser keeps it."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.addheaders = [("User-Agent", USER_AGENT)]
        page = opener.open(f"{self.url}/login").read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"email": email, "password": PASSWORD,
                                       "csrf_token": token}).encode()
        opener.open(f"{self.url}/login", data=form).read()
        # One page as the browser that signed in, keeping the cookie it is given back (the form
        # token a page makes is kept in the session): the cookie a browser then sends.
        opener.open(f"{self.url}/my-learning").read()
        cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
        if "session=" not in cookies:
            raise RuntimeError("could not sign in")
        return cookies

    def page_size(self, path: str, cookie: str | None = None) -> int:
        request = urllib.request.Request(self.url + path, headers={"Cookie": cookie or "",
                                                                   "User-Agent": USER_AGENT})
        with urllib.request.urlopen(request) as response:
            return len(response.read())


def _recreate_postgres_database(url: str) -> None:
    import psycopg  # noqa: PLC0415 - only the PostgreSQL runs need it

    parts = urllib.parse.urlsplit(url.replace("+psycopg", ""))
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


class Floor:
    """A bare Flask app rendering a Jinja page of the given size, no database."""

    def __init__(self, size: int):
        env = {**os.environ, "BARE_PAGE_BYTES": str(size), "PYTHONPATH": str(ROOT / "bench")}
        self.server = Server("bare_app:app", env)

    @property
    def url(self) -> str:
        return self.server.url + "/"

    def stop(self) -> None:
        self.server.stop()


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_ms_per_request: float | None = None  # the server's, when measured (measured_wrk)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, cookie: str | None = None, seconds: int = SECONDS,
        connections: int = CONNECTIONS, pause_ms: int = 0) -> Run:
    """wrk's closed loop: each connection sends its next request as soon as the last is
    answered, so the server runs flat out. With pause_ms, each connection first waits that
    long (wrk's delay()), which offers at most connections / pause requests a second: a load
    below the server's capacity, the same whatever page is asked. wrk times a request from
    when it is sent, so the pause is not in the latencies."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "2s",
            "-H", f"User-Agent: {USER_AGENT}"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    paused = (tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="wrk-pause-") if pause_ms
              else nullcontext())
    with paused as script:
        if script:
            script.write(f"function delay()\n  return {pause_ms}\nend\n")
            script.flush()
            args += ["-s", script.name]
        out = subprocess.run([*args, url], capture_output=True, text=True, check=True,
                             timeout=seconds + 30).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = {p: float(v) * _UNITS[u]
               for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Run(rps, latency["50"], latency["99"], errors, requests)


def measured_wrk(server: "Site | Floor", url: str, cookie: str | None = None,
                 pause_ms: int = 0) -> Run:
    """wrk against url, with the CPU the server's own processes spent per request answered
    (gunicorn's, and PostgreSQL's backends for the site): steadier on a shared machine than
    req/s, which also moves with whatever else runs on the cores."""
    cpu = ServerCPU(server)
    try:
        with cpu:
            run = wrk(url, cookie, pause_ms=pause_ms)
    finally:
        cpu.close()
    run.cpu_ms_per_request = cpu.seconds * 1000 / max(run.requests, 1)
    return run


def median_run(runs: list[Run]) -> Run:
    cpu = [r.cpu_ms_per_request for r in runs if r.cpu_ms_per_request is not None]
    return Run(statistics.median(r.requests_per_second for r in runs),
               statistics.median(r.p50_ms for r in runs),
               statistics.median(r.p99_ms for r in runs),
               sum(r.errors for r in runs), sum(r.requests for r in runs),
               statistics.median(cpu) if cpu else None)


def table(rows: list[tuple[str, Run, float]]) -> str:
    """rows: (name, median run, median req/s ratio to the floor beside it); with the server's
    CPU per request and its ratio (the floor's CPU / the page's) where measured."""
    lines = ["| page | req/s | p50 ms | p99 ms | errors | vs the bare page (req/s) "
             "| server CPU ms/request | vs the bare page (CPU) |",
             "|---|---|---|---|---|---|---|---|"]
    floor_cpu = rows[0][1].cpu_ms_per_request
    for name, run, ratio in rows:
        cpu = run.cpu_ms_per_request
        cpu_ratio = f"{floor_cpu / cpu:.2f}x" if cpu and floor_cpu else "-"
        lines.append(f"| {name} | {run.requests_per_second:,.0f} | {run.p50_ms:.1f} | "
                     f"{run.p99_ms:.1f} | {run.errors} | {ratio:.2f}x | "
                     f"{cpu:.3f} | {cpu_ratio} |" if cpu else
                     f"| {name} | {run.requests_per_second:,.0f} | {run.p50_ms:.1f} | "
                     f"{run.p99_ms:.1f} | {run.errors} | {ratio:.2f}x | - | - |")
    return "\n".join(lines)


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    """utime + stime of one process, from /proc (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # fields 14 and 15 of proc(5)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rpartition(")")[2].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def postgres_server():
    """A connection (autocommit) to the benchmarks' PostgreSQL server, to read its activity."""
    import psycopg  # noqa: PLC0415 - only the PostgreSQL runs need it

    return psycopg.connect(urllib.parse.urlsplit(PG_URL.replace("+psycopg", "")).geturl(),
                           autocommit=True)


def backend_pids(connection, database: str) -> list[int]:
    """The PostgreSQL backends connected to `database`, this connection's own left out."""
    return [row[0] for row in connection.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (database,))]


class ServerCPU:
    """The CPU the server spends: the site's gunicorn processes and the PostgreSQL backends
    connected to its database, read from /proc (the load generator, this process, is left out).

    A sampler thread reads every process twice a second, so a backend or worker that starts or
    ends during a measurement still counts (up to its last sample). Use as a context manager;
    `seconds` is the CPU spent inside it."""

    def __init__(self, site: "Site | Floor", interval: float = 0.5):
        self.master = site.server.process.pid
        self.postgres = None
        if isinstance(site, Site) and site.database == "postgresql":
            self.database = urllib.parse.urlsplit(site.env["DATABASE_URL"]).path.lstrip("/")
            self.postgres = postgres_server()
        self.interval = interval
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.backends: set[int] = set()  # the PostgreSQL backends among them
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def pids(self) -> list[int]:
        pids = [self.master, *_children(self.master)]
        if self.postgres is not None:
            backends = backend_pids(self.postgres, self.database)
            self.backends.update(backends)
            pids += backends
        return pids

    def sample(self, first: bool = False) -> None:
        for pid in self.pids():
            cpu = _cpu_seconds(pid)
            if cpu is None:
                continue
            if first:
                self.start[pid] = cpu
            self.start.setdefault(pid, 0.0)  # born during the measurement: all of it counts
            self.last[pid] = cpu

    def _run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.sample()

    def __enter__(self) -> "ServerCPU":
        self.start.clear()
        self.last.clear()
        self.backends.clear()
        self.stopping.clear()
        self.sample(first=True)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()
        self.sample()

    @property
    def seconds(self) -> float:
        return sum(self.last[pid] - self.start[pid] for pid in self.last)

    @property
    def database_seconds(self) -> float:
        """The part of `seconds` that PostgreSQL's backends spent."""
        return sum(self.last[pid] - self.start[pid] for pid in self.last if pid in self.backends)

    def close(self) -> None:
        if self.postgres is not None:
            self.postgres.close()
