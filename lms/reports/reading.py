"""Reading without an account (issue 23.5): lesson page views by people who are not signed in,
per lesson and per day, in aggregate. No person, address, cookie or device is kept: only
(lesson, day, views).

A visitor's lesson page comes from the shared page cache at the cost of one query (the course's
version), so a view is not written on the request. It is added to a counter in this process's
memory, and a background thread writes the counts every READING_FLUSH_SECONDS (60 by default)
with one upsert, so a visitor's page costs no query more. At exit the rest is written; counts of
a process that is killed are lost (at most a minute's). The report pages write this process's
counts first (`flush`), so a report sees them at once. docs/reports.md says what is counted.
"""
import atexit
import logging
import os
import re
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime
from functools import lru_cache

from flask import Flask, Response, current_app, g, request
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import Date, Integer, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from lms.courses.models import Lesson
from lms.database import dialect_insert, write_transaction
from lms.extensions import db

COUNTER = "reading_counter"
LESSON_ENDPOINT = "learn.lesson"
# A simple rule, not a bot detector: self-declared robots, previews, scripts, and no agent.
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|scan|monitor|fetch|curl|wget|python|"
                   r"java/|go-http|okhttp|headless|lighthouse|facebookexternalhit", re.IGNORECASE)
log = logging.getLogger(__name__)


class LessonReading(db.Model):
    """Views of a lesson page without an account, per day (UTC, as the reports count)."""
    lesson_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer)


@lru_cache(maxsize=256)  # a few browsers' strings make most of the views
def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or ROBOT.search(user_agent) is not None


class ReadingCounter:
    """Views not yet written, {(lesson id, day): views}, shared by the process's threads."""

    def __init__(self, app: Flask):
        self._app = app
        self._lock = threading.Lock()
        self._pending: Counter = Counter()
        self._writer_pid: int | None = None

    def add(self, lesson_id: int, day: date) -> None:
        with self._lock:
            self._pending[(lesson_id, day)] += 1
            if self._writer_pid != os.getpid():  # none yet, or the parent's before a fork
                self._writer_pid = os.getpid()
                self._start_writer()

    def take(self) -> Counter:
        with self._lock:
            pending, self._pending = self._pending, Counter()
        return pending

    def put_back(self, pending: Counter) -> None:
        with self._lock:
            self._pending.update(pending)

    def _start_writer(self) -> None:
        seconds = self._app.config["READING_FLUSH_SECONDS"]
        if seconds <= 0:
            return  # tests write with flush() when they choose
        threading.Thread(target=self._write_every, args=(seconds,), daemon=True,
                         name="reading-counts").start()
        atexit.register(self._write)

    def _write_every(self, seconds: float) -> None:
        while True:
            time.sleep(seconds)
            self._write()

    def _write(self) -> None:
        with self._app.app_context():
            flush()


def flush() -> int:
    """Write this process's counts, one upsert; on a database error keep them for next time.
    Returns how many (lesson, day) counts were written."""
    counter: ReadingCounter = current_app.extensions[COUNTER]
    pending = counter.take()
    if not pending:
        return 0
    statement = dialect_insert(LessonReading)
    statement = statement.on_conflict_do_update(
        index_elements=["lesson_id", "day"],
        set_={"views": LessonReading.views + statement.excluded.views})
    rows = [{"lesson_id": lesson_id, "day": day, "views": views}
            for (lesson_id, day), views in pending.items()]
    try:
        # Its own transaction, ended before the caller reads on: a report then sees the rows.
        with write_transaction():
            db.session.execute(statement, rows)
    except SQLAlchemyError:
        counter.put_back(pending)
        log.warning("Could not write %s reading counts; kept for the next try", len(rows),
                    exc_info=True)
        return 0
    return len(rows)


# Set in the WSGI environ of a lesson page counted as a view: the lesson's id, so the visitors'
# page cache (lms/front_cache.py), which answers before Flask, counts its views too.
LESSON_VIEWED = "lms.lesson_viewed"


def count_view(response: Response) -> Response:
    """After a lesson page: one view more, if the reader has no account signed in."""
    if (request.endpoint != LESSON_ENDPOINT or request.method != "GET"
            or response.status_code not in (200, 304) or current_user.is_authenticated
            or "snapshot" not in g):
        return response
    lesson = g.snapshot.lesson((request.view_args or {}).get("slug", ""))
    if lesson is not None:
        request.environ[LESSON_VIEWED] = lesson.id
        note_view(current_app, lesson.id, request.headers.get("User-Agent", ""))
    return response


def note_view(app: Flask, lesson_id: int, user_agent: str) -> None:
    """One view of the lesson by someone not signed in, unless a robot says it is one."""
    if not is_robot(user_agent):
        app.extensions[COUNTER].add(lesson_id, datetime.now(UTC).date())


def init_app(app: Flask) -> None:
    app.extensions[COUNTER] = ReadingCounter(app)
    app.after_request(count_view)


def course_views(course_id: int, first: date, last: date) -> int:
    """Views of the course's lesson pages without an account, from day `first` to `last`."""
    return db.session.scalar(
        select(func.coalesce(func.sum(LessonReading.views), 0))
        .join(Lesson, Lesson.id == LessonReading.lesson_id)
        .where(Lesson.course_id == course_id, LessonReading.day >= first,
               LessonReading.day <= last)) or 0


def reading_note() -> str:
    """How "read without an account" is counted, said on every report that shows it."""
    return gettext(
        "Read without an account: views of lesson pages by people who are not signed in "
        "(visitors, and guests whose steps are kept on their device), per lesson and per day "
        "(UTC). These are page views, not people: a person who reads a lesson twice counts "
        "twice. Not counted: pages a browser or a CDN showed from its own copy without asking "
        "the site, other pages than lessons, and robots that say so in their User-Agent (a "
        "simple rule). Views reach the reports within about a minute.")
