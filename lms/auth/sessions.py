"""Signed-in sessions, kept on the server: each browser's one row, found by the key in its
cookies. Logging out deletes the row, an idle row stops counting, and rotating the account's
session_token ends every row at once."""
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache
from typing import Any

from flask import current_app, g, request, session
from flask_login import login_user, logout_user
from flask_login.utils import _create_identifier
from sqlalchemy import and_, bindparam, delete, or_, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import make_transient_to_detached

from lms.auth.models import LoginSession, User
from lms.auth.security_log import LOGGED_OUT_EVERYWHERE, security_event
from lms.auth.tokens import RESET, expire_unused
from lms.database import write_one
from lms.driver_query import DriverQuery
from lms.extensions import db
from lms.models_base import utcnow

# How stale last_seen_at may get before a request stamps it again: idle timeouts are hours
# long, so a few minutes of slack costs nothing and spares a write on nearly every request.
TOUCH_AFTER = timedelta(minutes=5)


def _idle_limit(remember: bool) -> timedelta:
    setting = "REMEMBER_IDLE_TIMEOUT" if remember else "SESSION_IDLE_TIMEOUT"
    return timedelta(seconds=current_app.config[setting])


@dataclass(frozen=True)
class Login:
    """The session a signed-in request came with, as the pages need it (User.login)."""

    id: int
    key: str
    remember: bool


def begin(user: User, remember: bool) -> None:
    """Sign this browser in as user, in a new server-side session. Commits."""
    row = LoginSession(key=secrets.token_urlsafe(32), user_id=user.id,
                       user_token=user.session_token, remember=remember)
    db.session.add(row)
    db.session.commit()
    user.login = Login(row.id, row.key, row.remember)
    session.clear()  # nothing planted before log-in survives it
    login_user(user, remember=remember)


# What other features read with the session, in its one statement, for the signed-in pages
# that show it (the learner's progress, their meeting plan): name -> (the pages: blueprints or
# endpoints, whose GETs read it; the columns: scalar subqueries of the account's own rows,
# correlated to User.id).
_read_along: dict[str, tuple[frozenset[str], Callable[[Any], tuple]]] = {}


def read_along(name: str, pages: tuple[str, ...], columns: Callable[[Any], tuple]) -> None:
    """Have a signed-in GET of these pages (blueprints, or endpoints) read columns(User.id)
    with the session: one round trip where the page would take two. Its values:
    taken_along(name, user_id)."""
    _read_along[name] = (frozenset(pages), columns)
    _session_by_key.cache_clear()


def taken_along(name: str, user_id: int) -> tuple | None:
    """What this request's session query read for `name` (read_along) about user_id, once: a
    second call (the page may have written since) gets None, and reads for itself."""
    found = g.pop(f"read_along_{name}", None)
    return found[1] if found is not None and found[0] == user_id else None


def _along_now() -> tuple[str, ...]:
    if request.method not in ("GET", "HEAD"):
        return ()  # a form's handler decides from rows it reads (and locks) itself
    return tuple(name for name, (pages, _) in _read_along.items()
                 if request.blueprint in pages or request.endpoint in pages)


_USER = sa_inspect(User)
# The account's columns, by attribute: the session's statement reads the account as these.
_USER_COLUMNS = {attribute.key: attribute.columns[0] for attribute in _USER.column_attrs}


@cache
def _session_by_key(along: tuple[str, ...], _dialect: tuple[str, str]) -> tuple[DriverQuery, tuple]:
    """Built once per shape (and database: the columns read along may differ): building the
    statement cost about as much CPU as running it (SQLite)."""
    extra = {name: _read_along[name][1](User.id) for name in along}
    # The account as its columns, the session's own row as three: all a request uses of them.
    statement = (select(*_USER_COLUMNS.values(), LoginSession.id, LoginSession.remember,
                        LoginSession.last_seen_at,
                        *(column for columns in extra.values() for column in columns))
                 .join(LoginSession, and_(LoginSession.user_id == User.id,
                                          LoginSession.user_token == User.session_token))
                 .where(LoginSession.key == bindparam("key")))
    return (DriverQuery(statement, ("key",)),
            tuple((name, len(columns)) for name, columns in extra.items()))


def load(key: str) -> User | None:
    """The user a cookie's key signs in, if that session is still live: one indexed query,
    with whatever the page reads along (read_along), run on the driver (lms/driver_query.py:
    every signed-in request runs it, and the ORM's execution cost three to six times that)."""
    along = _along_now()
    dialect = db.engine.dialect
    query, layout = _session_by_key(along, (dialect.name, dialect.driver))
    row = query.first({"key": key})
    if row is None:
        return None
    user_values = row[:len(_USER_COLUMNS)]
    login_id, remember, last_seen_at, *extra = row[len(_USER_COLUMNS):]
    idle = utcnow() - last_seen_at
    if idle > _idle_limit(remember):
        return None
    user = _as_loaded(user_values)
    for name, count in layout:
        setattr(g, f"read_along_{name}", (user.id, tuple(extra[:count])))
        extra = extra[count:]
    if idle > TOUCH_AFTER:
        write_one(_touch(), {"session_id": login_id, "now": utcnow()})
    user.login = Login(login_id, key, remember)
    return user


def _as_loaded(values: tuple) -> User:
    """The account in this request's session, as if the ORM had loaded it from these column
    values: pages read it, change it and commit as they would any loaded object. An account
    the session already holds is that object, as a query would answer."""
    session = db.session()
    values = dict(zip(_USER_COLUMNS, values, strict=True))
    held = session.identity_map.get(_USER.identity_key_from_primary_key((values["id"],)))
    if held is not None:
        return held
    user = _USER.class_manager.new_instance()
    user.__dict__.update(values)
    make_transient_to_detached(user)  # loaded, with no changes; relationships load on use
    session.add(user)
    return user


@cache
def _touch():
    return (update(LoginSession).where(LoginSession.id == bindparam("session_id"))
            .values(last_seen_at=bindparam("now")))


def browser_identifier() -> str:
    """Flask-Login's mark of the browser a session began in (a SHA-512 of its address and
    User-Agent), which it works out on every request to compare: kept by those values."""
    return _identifier_of(request.headers.get("X-Forwarded-For"), request.remote_addr,
                          request.headers.get("User-Agent"))


@lru_cache(maxsize=1024)
def _identifier_of(_forwarded: str | None, _address: str | None, _agent: str | None) -> str:
    return _create_identifier()  # reads these three values from this request


def leave(user: User | None = None) -> None:
    """Sign this browser out: its server-side session ends, and its cookies are cleared."""
    if user is not None and user.login is not None:
        db.session.execute(delete(LoginSession).where(LoginSession.id == user.login.id))
        db.session.commit()
    session.clear()
    # After the clear, not before: logout_user() leaves the note in the session that makes
    # Flask-Login delete the remember-me cookie, and clearing would wipe it.
    logout_user()


def leave_everywhere(user: User) -> None:
    """Sign the account out on every device, this browser included. Commits."""
    end_every_session(user)
    db.session.commit()
    security_event(LOGGED_OUT_EVERYWHERE, user.id)
    leave()


def end_every_session(user: User) -> None:
    """End every session of the account, on every device, and every reset link still in its
    inbox: whoever secures the account (new password, "log out everywhere", deactivation) must
    not leave a link working for someone who read the mail (the caller commits)."""
    user.session_token = secrets.token_hex(16)
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    expire_unused(user.id, RESET)


def purge_ended() -> int:
    """Delete sessions that can no longer sign anyone in; returns how many. Commits."""
    now = utcnow()
    stale = or_(
        and_(LoginSession.remember.is_(False),
             LoginSession.last_seen_at < now - _idle_limit(False)),
        LoginSession.last_seen_at < now - _idle_limit(True),
        ~select(User.id).where(User.id == LoginSession.user_id,
                               User.session_token == LoginSession.user_token).exists(),
    )
    result = db.session.execute(delete(LoginSession).where(stale))
    db.session.commit()
    return result.rowcount
