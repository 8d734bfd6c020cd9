"""The few SQL expressions that SQLite and PostgreSQL spell differently, in one place."""
from sqlalchemy import func, literal_column
from sqlalchemy.sql import ColumnElement

from lms.extensions import db


def _dialect() -> str:
    return db.engine.dialect.name


def bucket(column, by: str) -> ColumnElement:
    """The first day ('YYYY-MM-DD', UTC) of the week (Monday) or month holding the timestamp."""
    # Constants are written into the SQL, not bound: PostgreSQL matches the GROUP BY to the
    # SELECT expression only when the two are spelled the same.
    unit = "week" if by == "week" else "month"
    if _dialect() == "postgresql":
        truncated = func.date_trunc(_sql(unit), func.timezone(_sql("UTC"), column))
        return func.to_char(truncated, _sql("YYYY-MM-DD"))
    if unit == "week":
        return func.date(column, _sql("-6 days"), _sql("weekday 1"))
    return func.strftime(_sql("%Y-%m-01"), column)


def _sql(constant: str):
    return literal_column(f"'{constant}'")


def seconds_between(start, end) -> ColumnElement:
    if _dialect() == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0
