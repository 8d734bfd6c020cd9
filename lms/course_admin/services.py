"""Running the catalogue: creating a course, listing, unlisting, archiving and ordering it, and
naming its staff. Every change is in the audit log, in the same transaction."""
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from lms import audit
from lms.auth.models import Role, User
from lms.authoring.publishing import EMPTY_COURSE, PublishRefused
from lms.catalogue.listing import check_new_slug
from lms.catalogue.tasks import render_handouts
from lms.content.importer import import_course
from lms.content.schema import CourseData
from lms.courses import staff
from lms.courses.models import Course, Lesson, Visibility
from lms.extensions import db
from lms.queue import after_commit
from lms.refusal import N_, Refusal


class StaffRefused(Refusal):
    """A person who cannot be named staff of a course; the message says why."""


def create_course(user_id: int, slug: str, title: str, summary: str, audience: str) -> Course:
    """A new, empty course as a draft, with its creator as its first staff member. Commits."""
    course = Course(slug=check_new_slug(slug), title=title, summary=summary, audience=audience,
                    edition=f"{date.today().year}.1", language="en",
                    organisation=current_app.config["ORGANISATION_NAME"],
                    visibility=Visibility.DRAFT, position=_next_position())
    db.session.add(course)
    db.session.flush()
    staff.add_staff(course.id, user_id)
    audit.record(user_id, "course created", target=f"course {course.slug}")
    db.session.commit()
    return course


def create_course_from_folder(user_id: int, data: CourseData) -> Course:
    """A new course whose text arrives whole (a zip of the modules/ format, checked as
    `flask content import` checks a folder): a draft that learners do not see until its staff
    publish it, with its creator as its first staff member. Commits."""
    check_new_slug(data.slug)
    course, _ = import_course(data)
    course.visibility, course.position = Visibility.DRAFT, _next_position()
    staff.add_staff(course.id, user_id)
    audit.record(user_id, "course created", target=f"course {course.slug}",
                 detail=f"from a zip, edition {data.edition}")
    after_commit(render_handouts, course.id, if_lost="the handout PDFs wait for the next import")
    db.session.commit()
    return course


def publish_imported(course: Course, actor_id: int) -> None:
    """The first publish of a course whose text came in whole: there is no draft to apply, so
    publishing lists it in the catalogue (its staff, after previewing it). Commits."""
    if course.visibility is not Visibility.DRAFT:
        raise PublishRefused(N_("This course is already published."))
    lessons = select(Lesson.id).where(Lesson.course_id == course.id, Lesson.retired.is_(False))
    if db.session.scalar(lessons.limit(1)) is None:
        raise PublishRefused(EMPTY_COURSE)
    course.visibility = Visibility.LISTED
    audit.record(actor_id, "course published", target=f"course {course.slug}",
                 detail=f"edition {course.edition}")
    db.session.commit()


def _next_position() -> int:
    return (db.session.scalar(select(func.max(Course.position))) or 0) + 1


def set_visibility(course: Course, actor_id: int, visibility: Visibility) -> bool:
    """List, unlist, archive or reopen a course (admins). False if nothing changed. Commits."""
    if course.visibility is visibility:
        return False
    course.visibility = visibility
    audit.record(actor_id, f"course {visibility.value}", target=f"course {course.slug}")
    db.session.commit()
    return True


def move_course(course: Course, actor_id: int, step: int) -> bool:
    """Move a course one place up (-1) or down (+1) in the catalogue (admins). Commits."""
    ordered = list(db.session.scalars(select(Course).order_by(Course.position, Course.id)))
    index = ordered.index(course)
    other = index + step
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered, start=1):
        each.position = position
    audit.record(actor_id, "catalogue reordered", target=f"course {course.slug}",
                 detail="up" if step < 0 else "down")
    db.session.commit()
    return True


def name_staff(course: Course, actor_id: int, email: str) -> User:
    """Name a trainer (found by email) as staff of the course (admins). Commits."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise StaffRefused(N_("No account uses %(email)s. Ask the person to sign up first."),
                           email=email.strip())
    if user.role is Role.LEARNER:
        raise StaffRefused(N_("%(email)s is a learner account. Make them a trainer on the "
                              "People page first."), email=user.email)
    if not staff.add_staff(course.id, user.id):
        raise StaffRefused(N_("%(email)s is already staff of this course."), email=user.email)
    audit.record(actor_id, "course staff added", subject_id=user.id,
                 target=f"course {course.slug}")
    db.session.commit()
    return user


def remove_staff(course: Course, actor_id: int, user_id: int) -> bool:
    removed = staff.remove_staff(course.id, user_id)
    if removed:
        audit.record(actor_id, "course staff removed", subject_id=user_id,
                     target=f"course {course.slug}")
    db.session.commit()
    return removed
