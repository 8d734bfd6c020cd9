"""Signed-in sessions: how a browser stops being signed in."""
from flask import session
from flask_login import logout_user


def leave() -> None:
    """Sign this browser out: a fresh session, and the remember-me cookie deleted."""
    session.clear()
    # After the clear, not before: logout_user() leaves the note in the session that makes
    # Flask-Login delete the remember-me cookie, and clearing would wipe it.
    logout_user()
