"""The database unreachable (D9): visitors keep reading what this process already has, and every
other request answers 503 with Retry-After, never 500.

The catalogue's queries (lms/catalogue/listing.py) remember, per web process, the last answer
the database gave for each course and for the home page's list. When the database cannot be
reached they answer from that memory and mark the request (g.database_unreachable); the page
cache (lms/learn/cache.py shared_page) then serves a page it already holds to a visitor, and
anything else (a page not cached, a signed-in learner, a form) raises the connection error,
which the app-wide handler (lms/errors.py) turns into the 503 page.
"""
from __future__ import annotations

import threading

from flask import Flask, current_app, g, request
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from lms.extensions import db

EXTENSION = "last_known"
RETRY_AFTER_SECONDS = 30


def is_connection_error(error: BaseException | None) -> bool:
    """The database cannot be reached (refused, dropped, terminated, timed out)."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


class LastKnown:
    """The last answer the database gave for each key, in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._answers: dict = {}

    def remember(self, key, answer):
        with self._lock:
            self._answers[key] = answer
        return answer

    def get(self, key):
        with self._lock:
            return self._answers.get(key, _MISSING)


_MISSING = object()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = LastKnown()

    @app.before_request
    def _only_shared_pages_while_unreachable():
        """A request that got this far on a remembered course and whose page is not the same for
        every visitor cannot be answered: the database error it met stands (503)."""
        error = g.get("database_unreachable")
        view = current_app.view_functions.get(request.endpoint)
        if error is not None and not getattr(view, "is_shared_page", False):
            raise error


def remembered(key, query):
    """query()'s answer, remembered under key; while the database cannot be reached, the last
    answer remembered (the request is then marked), or the connection error when there is none."""
    store: LastKnown = current_app.extensions[EXTENSION]
    try:
        return store.remember(key, query())
    except DBAPIError as error:
        if not is_connection_error(error):
            raise
        answer = store.get(key)
        if answer is _MISSING:
            raise
        rollback_quietly()
        g.database_unreachable = error
        return answer


def check_reachable() -> None:
    """One round trip, for a request that has not met the database yet (its catalogue came
    from memory, lms/catalogue/listing.py) and is about to do what only a reachable database
    allows: marks the request, or raises, when the database cannot be reached."""
    if g.get("catalogue_from_memory") and g.get("database_unreachable") is None:
        remembered("reachable", lambda: db.session.execute(select(1)).scalar())


def rollback_quietly() -> None:
    """Roll the session back after a connection error; on a dead connection that fails too."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is gone; the pool discards it
        current_app.logger.debug("Rollback after a lost database connection failed")
