"""Who runs which course: trainers are staff of particular courses; admins manage them all."""
from sqlalchemy import delete, select

from lms.courses.models import Course, CourseStaff
from lms.extensions import db


def may_manage(user, course_id: int) -> bool:
    """May this person author, publish and report on the course?"""
    if not user.is_authenticated or not user.is_trainer:
        return False
    if user.is_admin:
        return True
    return db.session.scalar(select(CourseStaff.id).where(
        CourseStaff.course_id == course_id, CourseStaff.user_id == user.id)) is not None


def managed_courses(user) -> list[Course]:
    """The courses a trainer staffs (every course, for an admin), in catalogue order."""
    query = select(Course).order_by(Course.position, Course.id)
    if not user.is_admin:
        query = query.join(CourseStaff, CourseStaff.course_id == Course.id).where(
            CourseStaff.user_id == user.id)
    return list(db.session.scalars(query))


def staff_of(course_id: int) -> list[int]:
    return list(db.session.scalars(select(CourseStaff.user_id).where(
        CourseStaff.course_id == course_id).order_by(CourseStaff.id)))


def add_staff(course_id: int, user_id: int) -> bool:
    """Name a trainer as staff of the course, in the caller's transaction; False if already."""
    if user_id in staff_of(course_id):
        return False
    db.session.add(CourseStaff(course_id=course_id, user_id=user_id))
    return True


def remove_staff(course_id: int, user_id: int) -> bool:
    result = db.session.execute(delete(CourseStaff).where(
        CourseStaff.course_id == course_id, CourseStaff.user_id == user_id))
    return result.rowcount > 0
