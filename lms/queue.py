"""Background work that waits for the database: `after_commit(task, *args)` publishes the task
once the transaction that asked for it commits, and forgets it if that transaction rolls back.
One way for every kind of work (certificate renders, handout PDFs, email), one place.

A task asked for by a transaction that has written nothing has nothing to wait for, and is
published at once (a page that only reads, a worker between two transactions)."""
import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from lms.celery_app import publish, task_name
from lms.extensions import db

log = logging.getLogger(__name__)
QUEUED = "work_after_commit"   # key in session.info: [(task, args, if_lost)]
WROTE = "transaction_wrote"    # key in session.info: this transaction has written something


def after_commit(task, *args, if_lost: str = "it is lost") -> None:
    """Publish task(*args) once the session's transaction commits (task: a task, or its
    registered name); if_lost says in the log what happens to the work if the broker does not
    take it."""
    session = db.session()
    if not _has_written(session):
        if not publish(task, *args):
            log.warning("%s%r was not queued: %s", task_name(task), args, if_lost)
        return
    queued = session.info.setdefault(QUEUED, [])
    if not any(task_name(t) == task_name(task) and a == args for t, a, _ in queued):
        queued.append((task, args, if_lost))


def queued_work(session: Session | None = None) -> list[tuple]:
    """What the current transaction will publish on commit, as (task name, args)."""
    session = session or db.session()
    return [(task_name(task), args) for task, args, _ in session.info.get(QUEUED, ())]


def _has_written(session: Session) -> bool:
    return bool(session.info.get(WROTE) or session.new or session.dirty or session.deleted)


def _publish_queued(session: Session) -> None:
    """A broker outage loses no certificate (the sweep finds pending ones), so the first failure
    ends the loop: a frozen broker costs the request one timeout, not one per task.

    after_commit also fires when a savepoint is released: the work waits for the real commit."""
    if session.get_nested_transaction() is not None:
        return
    session.info.pop(WROTE, None)
    queued = session.info.pop(QUEUED, [])
    for number, (task, args, _) in enumerate(queued):
        if not publish(task, *args):
            for lost_task, lost_args, lost in queued[number:]:
                log.warning("%s%r was not queued: %s", task_name(lost_task), lost_args, lost)
            return


def _forget_queued(session: Session, previous_transaction) -> None:
    """A rolled-back transaction asked for nothing; a rolled-back savepoint changes nothing."""
    if previous_transaction.parent is None:
        session.info.pop(QUEUED, None)
        session.info.pop(WROTE, None)


def _note_flush(session: Session, _context) -> None:
    session.info[WROTE] = True


def _note_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


def init_app(app=None) -> None:
    """Hook the queue into the app's sessions (once per process)."""
    for name, listener in (("after_commit", _publish_queued),
                           ("after_soft_rollback", _forget_queued),
                           ("after_flush", _note_flush),
                           ("do_orm_execute", _note_statement)):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
