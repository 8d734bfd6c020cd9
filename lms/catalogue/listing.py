"""The catalogue: which courses there are, which the home page lists and in what order, and
the course a URL names. "Which course?" is answered here, at the edges, and nowhere else."""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from flask import Flask, current_app, g, has_app_context, has_request_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from lms.catalogue.published import snapshot_at
from lms.catalogue.snapshot import Snapshot
from lms.content.translations import TRANSLATED
from lms.courses.default import default_course_slug
from lms.courses.models import Course, Visibility
from lms.extensions import db
from lms.outage import remembered
from lms.refusal import N_, Refusal

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Words the site's own URLs use where a course slug stands (/manage/<course>, /courses/<course>).
RESERVED_SLUGS = frozenset({
    "new", "manage", "courses", "course", "reports", "admin", "api", "static", "uploads",
    "login", "logout", "signup", "profile", "verify", "my-learning", "my-certificates",
    "people", "staff", "catalogue", "order", "offline", "issuer", "credentials", "lti",
    "webhooks", "lessons", "modules", "resources", "glossary", "introduction",
})


class SlugRefused(Refusal):
    """A course slug that is malformed, reserved or taken; the message says which."""


@dataclass(frozen=True)
class CourseRef:
    """What a request needs of a course row to open its snapshot: one indexed query."""

    id: int
    slug: str
    version: int
    visibility: Visibility

    def snapshot(self, language: str | None = None) -> Snapshot:
        return snapshot_at(self.id, self.version, language)


_COLUMNS = (Course.id, Course.slug, Course.content_version, Course.visibility)


def _refs(query) -> list[CourseRef]:
    return [CourseRef(*row) for row in db.session.execute(query)]


RECENT = "catalogue_recent"


class RecentAnswers:
    """The catalogue's answers (a course's row, the listed courses) this process read less
    than PUBLISHED_CHECK_SECONDS ago, so that most pages read no version at all.

    A publish, or any change to a course row, made by another process shows here within that
    time; one made by this process shows at its next request (forget(), after the commit).
    The answers are the catalogue's, the same for everyone: nothing personal is kept."""

    MAX_KEYS = 1024  # a course row per slug asked for, the listed courses: a bound for probes

    def __init__(self, config):
        self._config = config
        self._lock = threading.Lock()
        self._answers: dict = {}
        self._generation = 0

    def get(self, key, read):
        found = self._answers.get(key)
        if found is not None and self.is_current(found[0], self._generation):
            if has_request_context():
                g.catalogue_from_memory = True
                _note_read(found[0], self._generation)
            return found[1]
        generation, read_at = self._generation, time.monotonic()
        answer = read()
        if has_request_context():
            _note_read(read_at, generation)
            if g.get("database_unreachable") is not None:
                return answer  # the last known answer (lms/outage.py): not a fresh one
        with self._lock:
            if generation == self._generation:  # no forget() while it was read
                if len(self._answers) >= self.MAX_KEYS:
                    self._answers.clear()
                self._answers[key] = (read_at, answer)
        return answer

    def is_current(self, read_at: float, generation: int) -> bool:
        """An answer read at read_at (time.monotonic()) of that generation may still be given:
        less than PUBLISHED_CHECK_SECONDS old, and no course changed here since. Also asked
        of pages made from an answer (lms/front_cache.py), outside any app context."""
        return (time.monotonic() - read_at < self._config["PUBLISHED_CHECK_SECONDS"]
                and generation == self._generation)

    def forget(self) -> None:
        with self._lock:
            self._generation += 1
            self._answers.clear()


def _note_read(read_at: float, generation: int) -> None:
    """The oldest catalogue answer this request used: its pages are as old as that."""
    if read_at < g.get("catalogue_read_at", read_at + 1):
        g.catalogue_read_at, g.catalogue_generation = read_at, generation


def answers_read(app: Flask) -> RecentAnswers:
    return app.extensions[RECENT]


def init_app(app: Flask) -> None:
    app.extensions[RECENT] = RecentAnswers(app.config)
    if not event.contains(Session, "after_commit", _forget_after_a_course_changed):
        event.listen(Session, "before_flush", _note_course_rows)
        event.listen(Session, "do_orm_execute", _note_course_statements)
        event.listen(Session, "after_commit", _forget_after_a_course_changed)


def _note_course_rows(session, _flush_context, _instances) -> None:
    if any(isinstance(row, Course) for rows in (session.new, session.dirty, session.deleted)
           for row in rows):
        session.info["course_changed"] = True


def _note_course_statements(state) -> None:
    # An UPDATE or DELETE of course rows (bump_content_version's, say): no object is flushed.
    if (state.is_update or state.is_delete) and state.bind_mapper is Course.__mapper__:
        state.session.info["course_changed"] = True


def _forget_after_a_course_changed(session) -> None:
    if session.info.pop("course_changed", False) and has_app_context():
        recent = current_app.extensions.get(RECENT)
        if recent is not None:
            recent.forget()


def _recent(key, read):
    return current_app.extensions[RECENT].get(key, lambda: remembered(key, read))


def course_ref(slug: str) -> CourseRef | None:
    """The course a URL names, or None (the last known answer while the database is
    unreachable: lms/outage.py). Read at most once per PUBLISHED_CHECK_SECONDS a process."""
    found = _recent(("course", slug),
                    lambda: _refs(select(*_COLUMNS).where(Course.slug == slug)))
    return found[0] if found else None


def listed_refs() -> list[CourseRef]:
    """The courses the home page lists, in the catalogue's order: read once per request and at
    most once per PUBLISHED_CHECK_SECONDS a process (the last known list while the database is
    unreachable)."""
    if has_request_context() and "listed_refs" in g:
        return g.listed_refs
    refs = _recent("listed", lambda: _refs(
        select(*_COLUMNS).where(Course.visibility == Visibility.LISTED)
        .order_by(Course.position, Course.id)))
    if has_request_context():
        g.listed_refs = refs
    return refs


def open_refs() -> list[CourseRef]:
    """Every course a learner may read (listed, unlisted or archived), in catalogue order."""
    return _refs(select(*_COLUMNS).where(Course.visibility != Visibility.DRAFT)
                 .order_by(Course.position, Course.id))


def default_course_ref() -> CourseRef | None:
    """The one course that old single-course URLs (/lessons/<slug>, /glossary, ...) lead to when
    more than one course could answer (lms/courses/default.py)."""
    slug = default_course_slug()
    return course_ref(slug) if slug is not None else None


def languages(snapshot: Snapshot) -> list[str]:
    """The languages a course is written in: English, and each with a translated course file."""
    return ["en"] + [code for code in TRANSLATED if snapshot.course.translations.get(code)]


def check_new_slug(slug: str) -> str:
    """The slug a new course may take, or SlugRefused saying why not."""
    slug = (slug or "").strip()
    if not SLUG.match(slug) or len(slug) > 80:
        raise SlugRefused(N_("Use lowercase letters, digits and single hyphens for the short "
                             "name (for example parents-course), at most 80 characters."))
    if slug in RESERVED_SLUGS:
        raise SlugRefused(N_("%(slug)s is a word the site's own addresses use. Choose another "
                             "short name."), slug=repr(slug))
    if db.session.scalar(select(Course.id).where(Course.slug == slug)) is not None:
        raise SlugRefused(N_("A course named %(slug)s already exists. Choose another short "
                             "name."), slug=repr(slug))
    return slug
