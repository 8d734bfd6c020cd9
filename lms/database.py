"""Database engine tweaks that the models and services rely on."""
import select
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import JSON, event, exc, func, literal_column, type_coerce
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from lms.extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
AUTOCOMMIT_READS = "autocommit_reads"
_writing: ContextVar[bool] = ContextVar("writing", default=False)


def reads_without_transactions(app: Flask) -> None:
    """On PostgreSQL, let a GET request's statements run without BEGIN and ROLLBACK.

    Each statement of a read-only request already sees its own snapshot under READ COMMITTED,
    so an explicit transaction adds two round trips and no consistency. Writes made from a GET
    go through write_transaction(), whose transaction is a real one again.
    """
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return
    app.extensions[AUTOCOMMIT_READS] = True
    if not event.contains(Session, "do_orm_execute", _autocommit_reads):
        event.listen(Session, "do_orm_execute", _autocommit_reads)


def _autocommit_reads(state) -> None:
    """A read-only request's first statement takes its connection in AUTOCOMMIT. Taken then,
    not when the request begins: a page served from memory (a visitor's cached page, the
    version remembered) takes none, so it costs PostgreSQL nothing, not even the pool's
    pre-ping. An unreachable database then fails that first statement, which the catalogue's
    reads (lms/outage.py) and the app's error handler answer.

    Only the request's first transaction: once it ends (a commit, a rollback), the next one is
    a real transaction again, as a GET that writes (write_transaction) or rolls its writes back
    (the publish page's dry run) needs."""
    if (has_request_context() and request.method in READ_ONLY_METHODS
            and not g.get("read_connection_taken")
            and current_app.extensions.get(AUTOCOMMIT_READS)):
        g.read_connection_taken = True
        session = state.session
        if not _writing.get() and not session.in_transaction():
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def discard_closed_connections(app: Flask) -> None:
    """On PostgreSQL, hand out no pooled connection the server has closed, without a round trip.

    A connection waiting in the pool has nothing to read. When the server ends it (a restart,
    a failover, a proxy dropping it), the socket becomes readable: the server's last message,
    then end of file. So each checkout polls the socket (no wait) and, if anything is there,
    raises DisconnectionError, on which the pool opens a fresh connection (SQLAlchemy's
    "custom pessimistic ping" recipe). The pool's pre-ping instead sent a query and waited for
    its answer on every checkout: one round trip in three of a signed-in page's. A connection
    cut without a word (a silent network partition) is found by neither: its statement fails,
    the pool drops every connection older than it, and the app answers 503 (lms/outage.py)."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return  # SQLite: a file, no connection to lose

    @event.listens_for(engine, "checkout")
    def _closed_by_the_server(dbapi_connection, _record, _proxy):
        if dbapi_connection.closed or _has_input(dbapi_connection.fileno()):
            raise exc.DisconnectionError("the server closed this pooled connection")


def _has_input(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))  # POLLHUP and POLLERR are always reported too


def make_sqlite_transactional(app: Flask) -> None:
    """Give SQLite real transactions, so a SAVEPOINT always nests inside one, and let readers
    run side by side with a writer.

    Python's sqlite3 driver opens a transaction only before the first write; a SAVEPOINT issued
    before any write then starts one of its own, and releasing it COMMITS, so "record the
    completion and decide course completion in one transaction" would not hold. This is
    SQLAlchemy's documented recipe for pysqlite: let SQLAlchemy emit BEGIN itself.

    In WAL mode readers never wait for the writer. A transaction that will write begins
    IMMEDIATE (it takes the write lock at once, so it cannot fail half-way on a snapshot that
    another writer made stale); the transactions of GET requests begin DEFERRED and only read,
    unless they write through write_transaction().
    """
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _expects_writes() else "BEGIN")


def _expects_writes() -> bool:
    if _writing.get() or not has_request_context():
        return True  # CLI commands, Celery tasks and tests keep one writer at a time
    return request.method not in READ_ONLY_METHODS


@contextmanager
def write_transaction():
    """Write from a request that otherwise only reads (a GET): end its read transaction, run
    the block in a transaction of its own that takes SQLite's write lock at BEGIN, commit."""
    db.session.commit()  # ends the read transaction; loaded objects stay readable
    token = _writing.set(True)
    try:
        yield
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        _writing.reset(token)


def write_one(statement, parameters: dict | None = None) -> None:
    """One write statement from a request that otherwise only reads (a GET), atomic by itself.

    On PostgreSQL a GET's reads run in autocommit (reads_without_transactions), so the statement
    runs there and commits as it runs: one round trip on the connection the page already holds,
    where write_transaction() would give the connection back, take one again, BEGIN, write
    and COMMIT. Anywhere else (SQLite, whose readers must not upgrade their
    snapshot to a writer; a request in a real transaction) it is a write_transaction().

    It runs on the session's connection as SQL, not as an ORM bulk write (which cost more CPU
    than the rest of the write): objects loaded before it do not see it."""
    session = db.session()
    if session.in_transaction():
        connection = session.connection()
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            connection.execute(statement, parameters)
            return
    with write_transaction():
        db.session.connection().execute(statement, parameters)


def dialect_insert(model):
    """INSERT for the app's database, with its ON CONFLICT clauses (PostgreSQL's or SQLite's)."""
    return (pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert)(model)


def insert_once(model, **values) -> bool:
    """Insert a row that a unique constraint allows once; False if it is already there.

    One statement (INSERT ... ON CONFLICT DO NOTHING) where an ORM add would take a SAVEPOINT,
    the INSERT and its RELEASE, and catch the IntegrityError."""
    statement = (dialect_insert(model).values(**values).on_conflict_do_nothing()
                 .returning(*model.__table__.primary_key.columns))
    return db.session.execute(statement).first() is not None


def json_rows(*columns):
    """An aggregate: the group's rows of these columns as a JSON array of arrays ([] for none),
    in the app's database's own JSON functions."""
    if db.engine.dialect.name == "postgresql":
        rows = func.coalesce(func.json_agg(func.json_build_array(*columns)),
                             literal_column("'[]'::json"))
    else:
        rows = func.json_group_array(func.json_array(*columns))
    return type_coerce(rows, JSON)
