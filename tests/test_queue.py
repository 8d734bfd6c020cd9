"""lms.queue.after_commit: work waits for the commit it depends on, whatever kind it is."""
import logging

from lms.auth.models import User
from lms.extensions import db
from lms.mail import deliver_email
from lms.queue import after_commit, queued_work
from tests.helpers import published_tasks

TASK = "lms.mail.deliver_email"


def _user(email):
    return User(email=email, name="Q", password_hash="x", session_token=email)


def test_work_waits_for_the_real_commit_not_a_savepoint(app):
    with app.app_context(), published_tasks() as sent:
        db.session.add(_user("a@example.org"))
        db.session.flush()
        after_commit(deliver_email, "a@example.org", "Subject", "Body")
        with db.session.begin_nested():  # a released savepoint also fires after_commit
            db.session.add(_user("b@example.org"))
        assert sent == [] and queued_work() == [(TASK, ("a@example.org", "Subject", "Body"))]
        db.session.commit()
        assert sent == [TASK] and queued_work() == []


def test_a_rollback_forgets_the_work(app):
    with app.app_context(), published_tasks() as sent:
        db.session.add(_user("a@example.org"))
        db.session.flush()
        after_commit(deliver_email, "a@example.org", "Subject", "Body")
        db.session.rollback()
        db.session.commit()
        assert sent == [] and queued_work() == []


def test_the_same_work_asked_twice_is_sent_once(app):
    with app.app_context(), published_tasks() as sent:
        db.session.add(_user("a@example.org"))
        for _ in range(2):
            after_commit(deliver_email, "a@example.org", "Subject", "Body")
        db.session.commit()
        assert sent == [TASK]


def test_with_nothing_written_the_work_goes_at_once(app):
    with app.app_context(), published_tasks() as sent:
        db.session.get(User, 1)  # a read opens a transaction, but there is nothing to wait for
        after_commit(deliver_email, "a@example.org", "Subject", "Body")
        assert sent == [TASK]


def test_a_broker_that_refuses_says_what_is_lost(app, caplog):
    celery = app.extensions["celery"]
    celery.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    celery.conf.broker_connection_timeout = 1
    with app.app_context(), caplog.at_level(logging.WARNING):
        db.session.add(_user("a@example.org"))
        after_commit(deliver_email, "a@example.org", "S", "B", if_lost="the email is not sent")
        after_commit(deliver_email, "b@example.org", "S", "B", if_lost="the email is not sent")
        db.session.commit()  # the commit itself succeeds
        assert db.session.scalar(db.select(User.email)) == "a@example.org"
    assert caplog.text.count("the email is not sent") == 2
    assert caplog.text.count("Could not queue") == 1  # the first failure ends the loop
