"""Cursor pagination: pages by id (keyset), so walking every page gives each row once even
while rows are added; the cursor is signed and names its query, so it is opaque and cannot be
replayed against another course or range."""
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

MAX_LIMIT = 500
_SALT = "lms.api.cursor"


class BadCursor(ValueError):
    """The cursor was not made by this server for this query."""


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def encode(after_id: int, query_name: str) -> str:
    return _serializer().dumps({"after": after_id, "query": query_name})


def decode(cursor: str, query_name: str) -> int:
    try:
        data = _serializer().loads(cursor)
    except BadSignature:
        raise BadCursor() from None
    if (not isinstance(data, dict) or data.get("query") != query_name
            or not isinstance(data.get("after"), int)):
        raise BadCursor()
    return data["after"]


def keyset_page(session, query, id_column, *, limit: int, cursor: str | None,
                query_name: str) -> Page:
    """One page of query's rows in id order, after the cursor's place; rows are (row, ...)
    tuples whose first item has the id."""
    if cursor:
        query = query.where(id_column > decode(cursor, query_name))
    rows = list(session.execute(query.order_by(id_column).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode(rows[-1][0].id, query_name) if more else None)
