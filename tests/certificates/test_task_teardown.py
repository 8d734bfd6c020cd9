"""D8: the database connection dies under a running render. The task's retry must stand: the
rollback that the app context's teardown makes on the dead connection fails too, and that
failure used to replace the retry (Celery recorded a plain failure and dropped the message)."""
import threading
import time

import pytest
from celery.signals import task_failure, task_prerun, task_retry
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from lms.certificates.models import CertificateStatus
from lms.extensions import db
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import wait_for

OUTAGE = 1.0  # seconds


class DeadConnections:
    """While down, every statement and every rollback the worker's thread sends fails the way a
    terminated PostgreSQL connection does (the test's own thread, serving pages, is spared)."""

    def __init__(self, engine):
        self.engine, self.until = engine, 0.0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "rollback", self._rollback)

    def cut(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds

    def _down(self) -> bool:
        return (threading.current_thread() is not threading.main_thread()
                and time.monotonic() < self.until)

    def _fail(self, statement: str):
        raise OperationalError(statement, {}, Exception(
            "terminating connection due to administrator command"))

    def _statement(self, _conn, _cursor, statement, *_args):
        # SQLite's explicit BEGIN passes: the connection dies inside an open transaction, which
        # the teardown then has to roll back (PostgreSQL's BEGIN is implicit, no statement).
        if self._down() and not statement.startswith("BEGIN"):
            self._fail(statement)

    def _rollback(self, conn):
        if self._down():
            conn.connection.dbapi_connection.close()  # gone, with its transaction and locks
            self._fail("ROLLBACK")

    def remove(self):
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "rollback", self._rollback)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RETRY_FIRST_SECONDS": 0.1, "RETRY_MAX_SECONDS": 0.3,
            "RETRY_WINDOW_SECONDS": 20.0}


@pytest.fixture
def dead_connections(app):
    with app.app_context():
        dead = DeadConnections(db.engine)
    yield dead
    dead.remove()


def test_a_render_whose_connection_dies_is_retried_not_failed(
        app, client, auth, course, learner, dead_connections, celery_worker):
    started = []

    def cut_once(**_kwargs):  # the worker's connection dies as the first render starts
        if not started:
            started.append(time.monotonic())
            dead_connections.cut(OUTAGE)

    outcomes = []

    def retried(**_kwargs):
        outcomes.append("retry")

    def failed(exception=None, **_kwargs):
        outcomes.append(f"failure: {exception!r}")

    task_prerun.connect(cut_once, weak=False)
    task_retry.connect(retried, weak=False)
    task_failure.connect(failed, weak=False)
    try:
        auth.login()
        finish_course(app, client)
        wait_for(lambda: started, timeout=15)
        # Only its own retries can render it: no sweep runs in this test.
        wait_for(lambda: certificates(app)[0].status is CertificateStatus.READY, timeout=15)
    finally:
        task_prerun.disconnect(cut_once)
        task_retry.disconnect(retried)
        task_failure.disconnect(failed)
    assert time.monotonic() - started[0] >= OUTAGE * 0.5  # it did wait out the outage
    # Each run during the outage ended as a retry, as the worker logs and counts it: none as a
    # failure (which acks the message, and under a result backend records the task FAILED).
    assert outcomes and set(outcomes) == {"retry"}, outcomes
    # And no failed run's session is kept: each was registered under its task's app context,
    # whose id a later task's context may get again (and with it the broken session).
    sessions = db.session.registry.registry

    def no_session_kept():
        """no session of an ended task kept"""
        return not sessions

    wait_for(no_session_kept, timeout=5)
