"""The course this site serves, as a database row (for trainers' pages and commands).

Learner pages read the published snapshot instead (lms/catalogue/published.py).
"""
from flask import abort
from sqlalchemy import select

from lms.courses.models import Course
from lms.extensions import db


def find_course() -> Course | None:
    """The course this site serves (the data model allows more; the first is this one)."""
    return db.session.scalar(select(Course).order_by(Course.id).limit(1))


def current_course() -> Course:
    """The course this site serves, or a 404 page when none has been imported yet."""
    return find_course() or abort(404)
