"""Upgrading a single-course database to the catalogue keeps every learner's progress and
certificates, lists the course, and keeps every trainer on it (as staff)."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from lms.auth.models import Role
from lms.certificates.models import Certificate
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.courses.models import Course, CourseStaff, Visibility
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.reports.helpers import learners

BEFORE_THE_CATALOGUE = "a7d5e1f2bc17"


def state() -> tuple:
    return (
        db.session.execute(select(Enrolment.user_id, Enrolment.course_id, Enrolment.completed_at)
                           .order_by(Enrolment.id)).all(),
        db.session.execute(select(LessonCompletion.user_id, LessonCompletion.lesson_id)
                           .order_by(LessonCompletion.id)).all(),
        db.session.execute(select(QuizAttempt.user_id, QuizAttempt.score)
                           .order_by(QuizAttempt.id)).all(),
        db.session.execute(select(Certificate.code, Certificate.status, Certificate.course_id)
                           .order_by(Certificate.id)).all(),
    )


def test_upgrading_a_single_course_site_keeps_progress_and_certificates(app):
    with app.app_context():
        db.drop_all()
        upgrade()
        import_course(load_course(MINI_COURSE))
        db.session.commit()
        trainer = make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER,
                            staff_of=[]).id
    learners(app, 2)  # each finishes the mini course: enrolments, steps and a certificate
    with app.app_context():
        kept = state()
        assert len(kept[3]) == 2 and all(completed for _, _, completed in kept[0])
        db.session.remove()
        downgrade(revision=BEFORE_THE_CATALOGUE)  # the site as it was before the catalogue
        upgrade()
        assert state() == kept
        course = db.session.scalar(select(Course))
        assert course.visibility is Visibility.LISTED
        assert db.session.scalars(select(CourseStaff.user_id)).all() == [trainer]
        db.session.remove()  # its transaction holds SQLite's write lock
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
