"""Published courses for this request: each process's snapshots, checked with one query each.

The course is always a parameter: the blueprints resolve it from the URL (lms/courses/
catalogue.py), the CLI from --course, beat jobs by looping over courses.
"""
from flask import Flask, current_app, g, has_request_context
from sqlalchemy import select

from lms.catalogue.course_links import scope_links
from lms.catalogue.snapshot import Snapshot, SnapshotCache
from lms.content.mapping import published_course
from lms.content.translations import localized
from lms.courses.models import Course
from lms.extensions import db
from lms.i18n import DEFAULT_LANGUAGE, current_language

EXTENSION = "course_snapshots"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = SnapshotCache(app.config.get("SNAPSHOT_CACHE_SIZE", 64))


def published_snapshot(course_id: int, *, recheck: bool = False,
                       language: str | None = None) -> Snapshot | None:
    """The course's published snapshot in the request's language (current_language(); English
    outside a request), or None when there is no such course.

    The version is read once per request and course (an index lookup on the primary key);
    recheck=True reads it again, for writes that must decide against what is published now.
    """
    language = _language(language)
    snapshots = g.setdefault("snapshots", {})
    key = (course_id, language)
    if not recheck and key in snapshots:
        return snapshots[key]
    version = db.session.scalar(select(Course.content_version).where(Course.id == course_id))
    snapshots[key] = snapshot_at(course_id, version, language) if version is not None else None
    return snapshots[key]


def snapshot_at(course_id: int, version: int, language: str | None = None) -> Snapshot:
    """The snapshot of a version the caller has just read (no query when the process has it);
    remembered for the rest of the request."""
    language = _language(language)
    snapshot = _cache().get(course_id, version, language, _build)
    g.setdefault("snapshots", {})[(course_id, language)] = snapshot
    return snapshot


def _language(language: str | None) -> str:
    if language is not None:
        return language
    return current_language() if has_request_context() else DEFAULT_LANGUAGE


def _cache() -> SnapshotCache:
    return current_app.extensions[EXTENSION]


def _build(course_id: int, version: int, language: str) -> Snapshot:
    if language != DEFAULT_LANGUAGE:
        # From the same rows as the English snapshot of this version (built first if needed),
        # so both languages always show one version.
        english = _cache().get(course_id, version, DEFAULT_LANGUAGE, _build)
        return Snapshot(scope_links(localized(english.course, language)), english.version,
                        language)
    return _build_english(course_id)


def _build_english(course_id: int) -> Snapshot:
    course = db.session.scalar(
        select(Course).where(Course.id == course_id).execution_options(populate_existing=True))
    # Labelled with the version read together with the course row: content read after it is at
    # least that new, so a snapshot is never older than its label.
    return Snapshot(scope_links(published_course(course)), course.content_version)
