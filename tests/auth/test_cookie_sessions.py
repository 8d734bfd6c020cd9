"""The session cookie, checked once a process and then taken from what was kept
(lms/cookie_sessions.py): it must stop working exactly when checking it again would refuse it."""
import time
from datetime import timedelta

from lms.cookie_sessions import KEEP, VerifiedCookies
from tests.auth.test_sessions import log_in, signed_in, with_cookie


def test_a_kept_cookie_ends_with_the_session_lifetime(app, learner, course):
    client = log_in(app)
    cookie = client.get_cookie("session").value
    assert signed_in(client)  # checked, and kept
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    time.sleep(2.1)
    assert not signed_in(with_cookie(app, "session", cookie))
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=31)
    # The cookie itself is whole: only its age had refused it.
    assert signed_in(with_cookie(app, "session", cookie))


def test_a_kept_cookie_stops_working_when_its_key_is_retired(app, learner, course):
    client = log_in(app)
    cookie = client.get_cookie("session").value
    assert signed_in(client)
    old_key = app.config["SECRET_KEY"]
    app.secret_key = "a new secret key, rotated after a leak " + "x" * 20
    assert not signed_in(with_cookie(app, "session", cookie))
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]  # rotated on schedule: old cookies still work
    assert signed_in(with_cookie(app, "session", cookie))


def test_a_changed_cookie_is_refused(app, learner, course):
    client = log_in(app)
    cookie = client.get_cookie("session").value
    assert signed_in(client)
    payload, signature = cookie.rsplit(".", 1)
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert not signed_in(with_cookie(app, "session", forged))


def test_each_request_gets_its_own_copy_of_the_session(app, learner, course):
    with app.app_context():
        verified = VerifiedCookies(app.session_interface.get_signing_serializer(app))
        value = app.session_interface.get_signing_serializer(app).dumps({"origins": ["a"]})
        first = verified.load(value, 60)
        first["origins"].append("changed by a request")
        assert verified.load(value, 60) == {"origins": ["a"]}


def test_at_most_keep_cookies_are_kept(app):
    with app.app_context():
        serializer = app.session_interface.get_signing_serializer(app)
        verified = VerifiedCookies(serializer)
        for n in range(KEEP + 10):
            assert verified.load(serializer.dumps({"n": n}), 60) == {"n": n}
        assert len(verified._kept) <= KEEP  # noqa: SLF001
