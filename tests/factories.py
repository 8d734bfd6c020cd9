"""Tiny helpers that make rows for tests (instead of a factory framework)."""
from sqlalchemy import select

from lms.auth.models import Role, User
from lms.auth.passwords import hash_password
from lms.auth.services import create_user
from lms.courses.models import Course
from lms.courses.staff import add_staff
from lms.extensions import db

EVERY_COURSE = "every course"


def make_user(email: str, name: str, password: str, role: Role = Role.LEARNER,
              staff_of=EVERY_COURSE) -> User:
    """A user; a trainer is staff of every course already imported (as the upgrade makes the
    trainers of before the catalogue), or of the course ids in staff_of."""
    user = create_user(email, name, hash_password(password), role)
    if role is Role.TRAINER:
        courses = (db.session.scalars(select(Course.id)).all() if staff_of == EVERY_COURSE
                   else staff_of)
        for course_id in courses:
            add_staff(course_id, user.id)
    db.session.commit()
    return user
