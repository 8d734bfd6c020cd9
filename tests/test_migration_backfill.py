"""Upgrading a database that already holds progress numbers its attempts, records first passes
and makes the report counts, exactly as the running code would have; audit entries get their
author's snapshot."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from lms.audit import AuditEvent
from lms.auth.models import Role
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db
from lms.progress.models import QuizAttempt, QuizPass
from lms.progress.tallies import ReportTally
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.reports.helpers import RIGHT, WRONG_COLOUR, learners

BEFORE = "5c1e2a9f0b7d"


def state() -> tuple:
    attempts = db.session.execute(select(QuizAttempt.id, QuizAttempt.attempt_number)
                                  .order_by(QuizAttempt.id)).all()
    passes = db.session.execute(select(QuizPass.user_id, QuizPass.quiz_id, QuizPass.attempts)
                                .order_by(QuizPass.user_id, QuizPass.quiz_id)).all()
    tallies = {(t.measure, t.ref_id, t.key, t.bucket, t.day): t.count
               for t in db.session.scalars(select(ReportTally))}
    return attempts, passes, tallies


def test_upgrade_backfills_what_the_steps_would_have_kept(app):
    with app.app_context():
        db.drop_all()
        upgrade()
        import_course(load_course(MINI_COURSE))
        db.session.commit()
    learners(app, 3, basics=[WRONG_COLOUR, RIGHT["basics"], RIGHT["basics"]])
    with app.app_context():
        kept = state()
        assert [number for _, number in kept[0]][:4] == [1, 2, 3, 1]
        db.session.remove()
        downgrade(revision=BEFORE)
        upgrade()
        assert state() == kept
        db.session.remove()  # its transaction holds SQLite's write lock
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_upgrade_gives_existing_audit_entries_their_authors_snapshot(app):
    """b3c8e6d4f021: entries written before it get actor_account and actor_name from the
    accounts that still exist, so they keep their author if that account is deleted later."""
    with app.app_context():
        db.drop_all()
        upgrade()
        ada = make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN).id
        lee = make_user("lee@example.org", "Lee Learner", PASSWORD).id
        db.session.remove()
        downgrade(revision="a7d5e1f2bc17")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO audit_event (at, actor_id, subject_id, action, detail) VALUES "
                "(CURRENT_TIMESTAMP, :ada, :lee, 'role changed', 'learner to trainer')"),
                {"ada": ada, "lee": lee})
        upgrade()
        event = db.session.scalar(select(AuditEvent))
        assert (event.actor_account, event.actor_name) == (ada, "Ada Admin (ada@example.org)")
        assert event.target == "" and event.detail == "learner to trainer"
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
