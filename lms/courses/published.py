"""The published course for this request: the process's snapshot, checked with one query."""
from flask import Flask, current_app, g
from sqlalchemy import select

from lms.content.mapping import published_course
from lms.courses.models import Course
from lms.courses.snapshot import Snapshot, SnapshotCache
from lms.extensions import db

EXTENSION = "course_snapshots"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = SnapshotCache()


def published_snapshot(*, recheck: bool = False) -> Snapshot | None:
    """The published course, or None before one is imported.

    The version is read once per request (an index lookup on the course's primary key);
    recheck=True reads it again, for writes that must decide against what is published now.
    """
    if not recheck and "snapshot" in g:
        return g.snapshot
    row = db.session.execute(
        select(Course.id, Course.content_version).order_by(Course.id).limit(1)).first()
    snapshot = None
    if row is not None:
        snapshot = current_app.extensions[EXTENSION].get(row.id, row.content_version, _build)
    g.snapshot = snapshot
    return snapshot


def _build(course_id: int) -> Snapshot:
    course = db.session.scalar(
        select(Course).where(Course.id == course_id).execution_options(populate_existing=True))
    # Labelled with the version read together with the course row: content read after it is at
    # least that new, so a snapshot is never older than its label.
    return Snapshot(published_course(course), course.content_version)
