"""The guest cookie: a random token naming this device's guest record (only its hash is stored).

HttpOnly, SameSite=Lax, and Secure with a __Host- name in production, like the session cookie.
It lives GUEST_IDLE_DAYS from the last visit, as the record does.
"""
from flask import after_this_request, current_app, g, request
from flask_login import current_user

from lms.progress import guests
from lms.progress.models import Guest


def _name() -> str:
    return current_app.config["GUEST_COOKIE_NAME"]


def present() -> bool:
    """The browser sends a guest cookie (valid or not): its pages are its own, never shared."""
    return _name() in request.cookies


def current_guest() -> Guest | None:
    """This browser's guest record, read once per request; a visit renews it. A cookie that
    names no record (forged, or purged) is dropped, and the visitor is a visitor again."""
    if "_guest" not in g:
        token = request.cookies.get(_name())
        g._guest = guests.find_guest(token) if token else None
        if g._guest is None and token:
            forget()
        elif g._guest is not None and guests.note_visit(g._guest):
            remember(token)
    return g._guest


def on_this_device() -> bool:
    """The visitor (not signed in) has progress kept on this device: pages offer its forms."""
    return not current_user.is_authenticated and current_guest() is not None


def started(guest: Guest, token: str) -> None:
    """This request created the browser's guest record: it is the current guest from now on."""
    g._guest = guest
    remember(token)


def remember(token: str) -> None:
    """Give this browser the guest cookie (on the response to this request)."""
    config = current_app.config

    @after_this_request
    def set_cookie(response):
        response.set_cookie(_name(), token, max_age=guests.idle_limit(), path="/",
                            secure=config["SESSION_COOKIE_SECURE"], httponly=True,
                            samesite="Lax")
        return response


def forget() -> None:
    """Remove the guest cookie from this browser (on the response to this request)."""
    config = current_app.config

    @after_this_request
    def delete_cookie(response):
        response.delete_cookie(_name(), path="/", secure=config["SESSION_COOKIE_SECURE"],
                               httponly=True, samesite="Lax")
        return response
