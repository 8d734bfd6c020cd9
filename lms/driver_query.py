"""One SELECT that every signed-in request runs, sent straight to the driver's cursor.

The session check (auth.sessions.load) is one indexed statement, yet through the ORM it cost
three (PostgreSQL) to six (SQLite) times its run on the driver: the session's bookkeeping, the
pool's checkout and return, SQLite's BEGIN, the execution context and the result's wrappers
(docs/performance.md, "The session check on the driver's cursor"). A DriverQuery compiles its
statement once, with its constant parameters converted once, and runs it on a pooled
connection's own cursor, converting the row's values with the same SQLAlchemy types the ORM
would use: the same answer.

What it leaves to SQLAlchemy:
- any error from the driver: the connection is dropped if the error says it is dead, and the
  statement runs again through the session, which retries on a fresh connection and raises
  SQLAlchemy's own error when the database is really gone (lms/outage.py answers that);
- a run while anything listens for statements (a query counter, a tracer): through the session,
  so that it is seen.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Select

from lms.extensions import db

_FAILED = object()


class DriverQuery:
    def __init__(self, statement: Select, variables: tuple[str, ...]):
        """statement's bind parameters are constants but for `variables`, given at each run."""
        self.statement = statement
        dialect = db.engine.dialect
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        if "POSTCOMPILE" in self.sql:
            raise ValueError("a statement with expanding parameters (IN lists) cannot be "
                             "compiled once")
        converters = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                      for name, bind in compiled.binds.items()}
        self._converters = {name: converters[name] for name in variables if converters[name]}
        constants = compiled.construct_params({name: None for name in variables})
        self._constants = {name: converters[name](value) if converters[name] else value
                           for name, value in constants.items() if name not in variables}
        self._order = compiled.positiontup  # positional paramstyles (SQLite's "?")
        self._readers: list[Callable[[Any], Any] | None] = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.selected_columns]
        # PostgreSQL: a lone SELECT needs no BEGIN and ROLLBACK around it (two round trips).
        # SQLite's connections already run without driver transactions (lms/database.py).
        self._autocommit = dialect.name == "postgresql"

    def first(self, variables: Mapping[str, Any]) -> tuple | None:
        engine = db.engine
        if engine.dispatch.before_cursor_execute or engine.dispatch.after_cursor_execute:
            return self._through_session(variables)
        parameters = {**self._constants, **{
            name: self._converters[name](value) if name in self._converters else value
            for name, value in variables.items()}}
        if self._order is not None:
            parameters = tuple(parameters[name] for name in self._order)
        try:
            raw = engine.raw_connection()
        except engine.dialect.loaded_dbapi.Error:
            return self._through_session(variables)
        try:
            row = self._fetch(raw, parameters)
        except engine.dialect.loaded_dbapi.Error as error:
            if engine.dialect.is_disconnect(error, raw.dbapi_connection, None):
                raw.invalidate(error)
            row = _FAILED
        finally:
            raw.close()
        if row is _FAILED:
            return self._through_session(variables)
        if row is None:
            return None
        return tuple(value if read is None else read(value)
                     for read, value in zip(self._readers, row, strict=True))

    def _fetch(self, raw, parameters) -> tuple | None:
        driver = raw.driver_connection
        if self._autocommit:
            driver.autocommit = True
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(self.sql, parameters)
                return cursor.fetchone()
            finally:
                cursor.close()
        finally:
            if self._autocommit and not driver.closed:
                driver.autocommit = False

    def _through_session(self, variables: Mapping[str, Any]) -> tuple | None:
        row = db.session.execute(self.statement, dict(variables)).first()
        return None if row is None else tuple(row)
