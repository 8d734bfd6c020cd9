"""Flask's signed-cookie sessions, without the work that repeats on every request.

Flask builds the session's serializer again on every request (twice when the session is
saved), and checks the cookie's signature and decodes it on every request: a signed-in page
sends the same cookie each time, so this process keeps both. A cookie is taken from what was
kept only while it is as valid as checking it again would find it: signed with the same keys,
and no older than the session's lifetime.
"""
import copy
import time

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

_KEPT = "session_serializer"  # in app.extensions: (keys, serializer, VerifiedCookies)
KEEP = 4096  # cookies kept a process; all are forgotten when it holds that many


class VerifiedCookies:
    """Cookie values whose signature this process has checked: value -> (signed at, data)."""

    def __init__(self, serializer: URLSafeTimedSerializer):
        self.serializer = serializer
        self._kept: dict[str, tuple[int, dict]] = {}

    def load(self, value: str, max_age: int) -> dict | None:
        """The session data the cookie value holds, or None if it is not (or no longer)
        valid, as `serializer.loads(value, max_age=max_age)` would decide."""
        found = self._kept.get(value)
        if found is None:
            try:
                data, signed_at = self.serializer.loads(value, max_age=max_age,
                                                        return_timestamp=True)
            except BadSignature:
                return None
            if len(self._kept) >= KEEP:
                self._kept.clear()
            found = self._kept[value] = (int(signed_at.timestamp()), data)
        age = int(time.time()) - found[0]
        if age > max_age or age < 0:  # itsdangerous's own test: expired, or from the future
            return None
        return copy.deepcopy(found[1])  # the request may change its session's lists


class KeptSessionInterface(SecureCookieSessionInterface):
    def _kept(self, app: Flask) -> tuple:
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = app.extensions.get(_KEPT)
        if kept is None or kept[0] != keys:
            serializer = super().get_signing_serializer(app)
            kept = app.extensions[_KEPT] = (
                keys, serializer, VerifiedCookies(serializer) if serializer else None)
        return kept

    def get_signing_serializer(self, app: Flask):
        """Kept per secret key (and its fallbacks), as they are all it is made of."""
        return self._kept(app)[1]

    def open_session(self, app: Flask, request):
        """As Flask's, from the cookies this process has already checked."""
        _keys, serializer, verified = self._kept(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        data = verified.load(value, int(app.permanent_session_lifetime.total_seconds()))
        return self.session_class(data if data is not None else {})
