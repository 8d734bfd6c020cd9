"""Fixtures: a fresh app and database per test (SQLite, or PostgreSQL with TEST_DATABASE_URL)."""
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from lms import create_app
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db, limiter
from tests.factories import make_user

FIXTURES = Path(__file__).parent / "fixtures"
BROWSER_TESTS = Path(__file__).parent / "browser"
COURSES = FIXTURES / "courses"
MINI_COURSE = COURSES / "mini"
PASSWORD = "correct horse battery"


def _database_url(tmp_path: Path) -> str:
    """A database of its own for this test: a SQLite file, or a fresh PostgreSQL schema."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


def pytest_addoption(parser):
    parser.addoption(
        "--browser-tests", choices=("all", "stored-files"), default="all",
        help="stored-files: of the browser tests, run only those marked stored_files (CI's "
             "PostgreSQL pass, whose SQLite pass ran them all)")


def pytest_collection_modifyitems(config, items):
    """Under --browser-tests=stored-files, leave out (as deselected) the browser tests that
    store no file. CI's SQLite pass runs them all; its PostgreSQL pass runs only those whose
    files go through the storage backend (the bucket there), as the database work behind the
    others' pages is checked on PostgreSQL by the tests outside tests/browser."""
    if config.getoption("--browser-tests") == "all":
        return
    kept, left_out = [], []
    for item in items:
        stores_no_file = (item.path.is_relative_to(BROWSER_TESTS)
                          and not item.get_closest_marker("stored_files"))
        (left_out if stores_no_file else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture
def app_config(tmp_path):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        # CSRF is switched back on, and checked on every form, in tests/test_security.py.
        "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path),
        "COURSES_DIR": str(COURSES),
        # The issuer the certificates and the Open Badges profile name (the organisation's).
        "ORGANISATION_NAME": "Test Org",
        # No background writer of reading counts: a test writes them with flush() (or by
        # opening a report), so no write from another thread lands in a query count.
        "READING_FLUSH_SECONDS": 0,
        # Cheap hashing under test only; production uses the argon2id settings in config.py.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8,
        "ARGON2_PARALLELISM": 1,
        "RATELIMIT_STORAGE_URI": os.environ.get("TEST_REDIS_URL", "memory://"),
        "CELERY": {
            "broker_url": "memory://",
            # The in-memory broker is one per process: a queue of its own keeps messages that
            # earlier tests queued (with no worker running) from reaching this test's worker.
            "task_default_queue": f"test-{uuid.uuid4().hex[:12]}",
            "task_ignore_result": True,
            "task_serializer": "json",
            "accept_content": ["json"],
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
        },
    }


@pytest.fixture
def app(tmp_path, monkeypatch, app_config):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path / "instance"))
    _copy_empty_sqlite_database(app_config["SQLALCHEMY_DATABASE_URI"])
    app = create_app(app_config)
    with app.app_context():
        limiter.reset()  # counts live in the limiter's storage (Redis under CI), not in the app
        schema = _isolate_postgres_schema()
        app.extensions["test_schema"] = schema
        db.create_all()  # nothing to do on a copied or reused empty database
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # the test's connections closed before its rows are emptied
        if schema:
            _SCHEMAS.give_back(schema)
            db.engine.dispose()


# Creating every table costs about a tenth of a second on SQLite and two or three tenths on
# PostgreSQL, more than many tests take themselves: so each test gets an empty database that
# was made once (a copied SQLite file; a PostgreSQL schema emptied after the test before it).
_EMPTY_SQLITE: dict[str, Path] = {}


def _copy_empty_sqlite_database(url: str) -> None:
    """An empty database with every table where the test's SQLite URL points."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return
    if "template" not in _EMPTY_SQLITE:
        template = Path(tempfile.mkdtemp(prefix="lms-empty-")) / "empty.sqlite3"
        engine = sa.create_engine(f"sqlite:///{template}")
        db.metadata.create_all(engine)
        engine.dispose()
        _EMPTY_SQLITE["template"] = template
    target = Path(url.removeprefix("sqlite:///"))
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_EMPTY_SQLITE["template"], target)


class _SchemaPool:
    """PostgreSQL schemas with every table, emptied after each test and handed to the next: the
    tables that hold rows are truncated and every sequence used is started again, so ids start
    at 1 (truncating all 43 tables took 0.11 to 0.14 s a test here, and 0.4 to 0.8 s while
    another test run loaded the machine; finding those with rows, 0.02 s; most tests write to
    a few). While another connection holds a lock in the schema (a process the test started,
    still writing), every table is truncated, which waits for it. A schema whose tables a test
    changed (the migration tests) is dropped instead, as is one whose rows cannot be emptied
    within a few seconds."""

    def __init__(self, engine=None):
        self._engine = engine  # the app's, by default
        self.free: list[str] = []
        self.shapes: dict[str, tuple] = {}  # each schema's tables as they were made

    @property
    def engine(self):
        return db.engine if self._engine is None else self._engine

    def take(self) -> str:
        if self.free:
            return self.free.pop()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        return schema

    def is_new(self, schema: str) -> bool:
        return schema not in self.shapes

    def made(self, schema: str) -> None:
        with self.engine.connect() as connection:
            self.shapes[schema] = _shape(connection, schema)

    def give_back(self, schema: str) -> None:
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.text("SET LOCAL lock_timeout = '5s'"))
                if _shape(connection, schema) != self.shapes.get(schema):
                    raise _TablesChanged(schema)
                _empty(connection, schema)
        except (_TablesChanged, sa.exc.OperationalError):
            self._drop(schema)
        else:
            self.free.append(schema)

    def drop_all(self) -> None:
        for schema in list(self.shapes):
            self._drop(schema)

    def _drop(self, schema: str) -> None:
        self.shapes.pop(schema, None)
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.text("SET LOCAL lock_timeout = '5s'"))
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        except sa.exc.OperationalError:
            pass  # left in the test database, which holds nothing else of value


class _TablesChanged(Exception):
    pass


def _empty(connection, schema: str) -> None:
    tables = connection.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
        {"schema": schema}).scalars().all()
    locked = connection.execute(sa.text(
        "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :schema AND l.pid <> pg_backend_pid() LIMIT 1"),
        {"schema": schema}).first()
    if not locked:  # only the tables with rows (names from the catalogue, not from input)
        holding_rows = " UNION ALL ".join(
            f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\")"  # noqa: S608
            for table in tables)
        tables = connection.execute(sa.text(holding_rows)).scalars().all()
    if tables:
        names = ", ".join(f'"{schema}"."{table}"' for table in tables)
        connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    # Rows written and deleted again leave a table empty and its sequence moved on.
    connection.execute(sa.text(
        "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false) "
        "FROM pg_sequences WHERE schemaname = :schema AND last_value IS NOT NULL"),
        {"schema": schema})


def _shape(connection, schema: str) -> tuple:
    """The schema's tables, columns and constraints: what a migration test changes."""
    columns = connection.execute(sa.text(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = :schema ORDER BY table_name, column_name"), {"schema": schema})
    constraints = connection.execute(sa.text(
        "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = :schema ORDER BY conname"), {"schema": schema})
    return tuple(columns.all()), tuple(constraints.scalars().all())


_SCHEMAS = _SchemaPool()


def _isolate_postgres_schema() -> str | None:
    """On PostgreSQL, give the test a schema of its own so tests never see each other's rows."""
    if db.engine.dialect.name != "postgresql":
        return None
    schema = _SCHEMAS.take()
    _use_schema(db.engine, schema)
    if _SCHEMAS.is_new(schema):
        db.create_all()
        _SCHEMAS.made(schema)
    return schema


def _use_schema(engine, schema: str) -> None:
    @sa.event.listens_for(engine, "connect")
    def set_search_path(dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f'SET search_path TO "{schema}"')
        dbapi_connection.commit()

    engine.dispose()  # reconnect so every pooled connection uses the schema


@pytest.fixture
def another_app(app, app_config):
    """A second web process on the same database: its own app, engine and snapshot."""
    other = create_app(app_config)
    with other.app_context():
        if app.extensions["test_schema"]:
            _use_schema(db.engine, app.extensions["test_schema"])
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def course(app):
    """The mini course from tests/fixtures, imported."""
    with app.app_context():
        course, _ = import_course(load_course(MINI_COURSE))
        db.session.commit()
        return course.id


@pytest.fixture
def learner(app):
    with app.app_context():
        return make_user("learner@example.org", "Lee Learner", PASSWORD).id


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email="learner@example.org", password=PASSWORD, **extra):
        return self._client.post("/login", data={"email": email, "password": password, **extra})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
