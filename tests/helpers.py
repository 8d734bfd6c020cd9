"""Small assertions and lookups shared by tests."""
import email
import email.policy
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import before_task_publish
from celery.worker import state as worker_state
from sqlalchemy import select

from lms.courses.models import Course, Lesson, Quiz
from lms.extensions import db


def text_of(response) -> str:
    """The visible text of an HTML response, whitespace folded."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def only_course_id() -> int:
    """The id of the one course a test imported (call inside an app context)."""
    ids = list(db.session.scalars(select(Course.id)))
    assert len(ids) == 1, ids
    return ids[0]


def course_lesson(app, slug: str) -> tuple[int, int]:
    """(course id, lesson id) of a lesson of the one course a test imported."""
    with app.app_context():
        return tuple(db.session.execute(select(Lesson.course_id, Lesson.id)
                                  .where(Lesson.slug == slug)).one())


def lesson_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Lesson.id).where(Lesson.slug == slug))


def emails_written(app) -> int:
    return len(list(Path(app.config["OUTBOX_DIR"]).glob("*.eml")))


def latest_email(app, after: int = 0) -> str:
    """Subject and body of the newest email in the outbox, once there are more than `after`
    (account emails are written by the worker, a moment after the page answers)."""
    outbox = Path(app.config["OUTBOX_DIR"])

    def newest():
        """a whole email in the outbox (the worker may still be writing the file)"""
        files = sorted(outbox.glob("*.eml"))
        if len(files) <= after:
            return None
        message = email.message_from_bytes(files[-1].read_bytes(), policy=email.policy.default)
        return message if message["Subject"] and message.get_content().strip() else None

    message = wait_for(newest, timeout=20)
    return f"To: {message['To']}\nSubject: {message['Subject']}\n\n{message.get_content()}"


def link_in(email: str, path_prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[^\s]+)", email)
    assert match, f"no {path_prefix} link in email:\n{email}"
    return match.group(1)


def quiz_answers(app, module_slug: str, right: bool = True) -> dict:
    """Form data answering every question of a module's quiz, all right or all wrong."""
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).join(Quiz.module).where(
            Quiz.module.has(slug=module_slug)))
        data = {}
        for question in quiz.questions:
            wanted = [i for i, c in enumerate(question.choices) if bool(c.get("correct")) == right]
            data[f"q-{question.key}"] = wanted if right else wanted[:1]
        return data


class CSRFClient:
    """Wraps a test client so every POST carries the session's CSRF token, as a browser's form
    would: for tests that run with CSRF protection on."""

    TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        return getattr(self._client, name)

    def post(self, url, data=None, **kwargs):
        html = self._client.get("/reset").get_data(as_text=True)
        token = self.TOKEN.search(html).group(1)
        return self._client.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)


STRONG_KEY = "4f1c9a7e2b8d6035e1a4c7f92b6d8e03a5c1f7b9"
# A signing key for credentials made only for the tests (never used anywhere else).
SIGNING_KEYS = (
    '[{"crv": "Ed25519", "d": "R8_MgeEs87pm-BDiQacoA9Azii-o3QW4SCybl-BovTM", '
    '"kty": "OKP", "x": "EI2a4QDKljRqrXXoOPu4maMmG8W7SnO1dBH2Gv3F7uE"}]')


def production_environment(monkeypatch, tmp_path) -> None:
    """The environment a production deployment sets (the rate limits counted in Redis)."""
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("CERTIFICATE_SIGNING_KEYS", SIGNING_KEYS)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://course.example.org")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI",
                       os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))


@contextmanager
def published_tasks():
    """The names of the Celery tasks sent to the broker meanwhile (Celery's own signal)."""
    names = []

    def record(sender=None, **_):
        names.append(sender)

    before_task_publish.connect(record, weak=False)
    try:
        yield names
    finally:
        before_task_publish.disconnect(record)


# A worker on a polling transport (the in-memory and filesystem brokers) waits up to this long
# between looks at its queue: kombu's default, a second, made every task wait half a second on
# average before it started.
POLL_SECONDS = 0.02


@contextmanager
def running_worker(app):
    """A real Celery worker (solo pool) in a thread, consuming the test's queue until the block
    ends; yields the Celery app.

    On a polling transport the worker's loop looks for messages for up to 2 s before it checks
    whether it should stop, then looks once more (celery.worker.loops.synloop), so Celery's
    start_worker took about 4 s to return. Two messages of Celery's own no-op task end both
    waits at once."""
    celery = app.extensions["celery"]
    with celery.connection_for_write() as connection:
        polling = not connection.transport.implements.asynchronous
    if polling:
        celery.conf.broker_transport_options = {
            **celery.conf.broker_transport_options, "polling_interval": POLL_SECONDS}
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        try:
            yield celery
        finally:
            if polling:
                worker_state.should_terminate = 0  # start_worker's own signal to stop
                for _ in range(2):
                    celery.send_task("celery.accumulate",
                                     queue=celery.conf.task_default_queue)


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.05):
    """Poll predicate() until it returns something truthy; fail the test after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {predicate.__doc__ or predicate}")
