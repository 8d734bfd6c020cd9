"""The one default course: where the addresses and files of the single-course site of before the
catalogue belong (old /lessons/<slug> links, /uploads/<name> images, flat handout PDFs). The
only place a "default course" is named."""
from sqlalchemy import select

from lms.courses.models import Course, Visibility
from lms.extensions import db


def default_course_slug() -> str | None:
    """The site's first course that learners may read, or None."""
    return db.session.scalar(select(Course.slug).where(Course.visibility != Visibility.DRAFT)
                             .order_by(Course.id).limit(1))
