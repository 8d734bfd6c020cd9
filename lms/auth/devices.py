"""Browsers an account has logged in on before: a signed cookie listing those accounts (by a
keyed digest of the email, so the cookie names nobody).

Wrong guesses at an account from anywhere use up its per-account budget (lms/auth/limits.py).
Without this, spending that budget would lock the owner out too (audit finding N2); a browser
the owner has logged in on is exempt from it, and only from it: its address is still limited.
"""
import hashlib
import hmac

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE_MAX_AGE = 180 * 24 * 60 * 60
MAX_ACCOUNTS = 5  # a family's shared computer; the oldest is forgotten first


def _name() -> str:
    return current_app.config["DEVICE_COOKIE_NAME"]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _digest(email: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def _accounts_here() -> list[str]:
    try:
        accounts = _serializer().loads(request.cookies.get(_name(), ""))
    except BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def known_here(email: str) -> bool:
    """This browser has logged in to the account with this email before."""
    return bool(email) and _digest(email) in _accounts_here()


def remember_here(email: str) -> None:
    """The account just logged in on this browser (the cookie goes on this response)."""
    digest = _digest(email)
    accounts = [digest] + [a for a in _accounts_here() if a != digest][:MAX_ACCOUNTS - 1]
    value = _serializer().dumps(accounts)
    secure = current_app.config["SESSION_COOKIE_SECURE"]

    @after_this_request
    def set_cookie(response):
        response.set_cookie(_name(), value, max_age=COOKIE_MAX_AGE, path="/", secure=secure,
                            httponly=True, samesite="Lax")
        return response
