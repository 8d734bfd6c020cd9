"""Database engine tweaks that the models and services rely on."""
from flask import Flask
from sqlalchemy import event

from lms.extensions import db


def make_sqlite_transactional(app: Flask) -> None:
    """Give SQLite real transactions, so a SAVEPOINT always nests inside one.

    Python's sqlite3 driver opens a transaction only before the first write; a SAVEPOINT issued
    before any write then starts one of its own, and releasing it COMMITS, so "record the
    completion and decide course completion in one transaction" would not hold. This is
    SQLAlchemy's documented recipe for pysqlite: let SQLAlchemy emit BEGIN itself.
    """
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
