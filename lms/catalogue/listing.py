"""The catalogue: which courses there are, which the home page lists and in what order, and
the course a URL names. "Which course?" is answered here, at the edges, and nowhere else."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import g, has_request_context
from sqlalchemy import select

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


def course_ref(slug: str) -> CourseRef | None:
    """The course a URL names, or None (the last known answer while the database is
    unreachable: lms/outage.py)."""
    found = remembered(("course", slug),
                       lambda: _refs(select(*_COLUMNS).where(Course.slug == slug)))
    return found[0] if found else None


def listed_refs() -> list[CourseRef]:
    """The courses the home page lists, in the catalogue's order: read once per request (the
    last known list while the database is unreachable)."""
    if has_request_context() and "listed_refs" in g:
        return g.listed_refs
    refs = remembered("listed", lambda: _refs(
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
