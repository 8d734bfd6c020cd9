"""The published course for this request: the process's snapshot, checked with one query."""
from flask import Flask, current_app, g, has_request_context
from sqlalchemy import select

from lms.catalogue.snapshot import Snapshot, SnapshotCache
from lms.content.mapping import published_course
from lms.content.translations import localized
from lms.courses.models import Course
from lms.extensions import db
from lms.i18n import DEFAULT_LANGUAGE, current_language

EXTENSION = "course_snapshots"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = SnapshotCache()


def published_snapshot(*, recheck: bool = False, language: str | None = None) -> Snapshot | None:
    """The published course in the request's language (current_language(); English outside a
    request), or None before one is imported.

    The version is read once per request (an index lookup on the course's primary key);
    recheck=True reads it again, for writes that must decide against what is published now.
    """
    if language is None:
        language = current_language() if has_request_context() else DEFAULT_LANGUAGE
    snapshots = g.setdefault("snapshots", {})
    if not recheck and language in snapshots:
        return snapshots[language]
    row = db.session.execute(
        select(Course.id, Course.content_version).order_by(Course.id).limit(1)).first()
    snapshot = None
    if row is not None:
        snapshot = _cache().get(row.id, row.content_version, language, _build)
    snapshots[language] = snapshot
    return snapshot


def _cache() -> SnapshotCache:
    return current_app.extensions[EXTENSION]


def _build(course_id: int, version: int, language: str) -> Snapshot:
    if language != DEFAULT_LANGUAGE:
        # From the same rows as the English snapshot of this version (built first if needed),
        # so both languages always show one version.
        english = _cache().get(course_id, version, DEFAULT_LANGUAGE, _build)
        return Snapshot(localized(english.course, language), english.version, language)
    return _build_english(course_id)


def _build_english(course_id: int) -> Snapshot:
    course = db.session.scalar(
        select(Course).where(Course.id == course_id).execution_options(populate_existing=True))
    # Labelled with the version read together with the course row: content read after it is at
    # least that new, so a snapshot is never older than its label.
    return Snapshot(published_course(course), course.content_version)
