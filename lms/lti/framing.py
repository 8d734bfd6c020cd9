"""Pages inside a platform's iframe. A session that an LTI launch began may be framed by that
platform's pages (and no one else's); every other page keeps frame-ancestors 'none'.

Inside a cross-site iframe the browser keeps only cookies marked SameSite=None; Secure, so the
session cookie of a launched session is sent that way over https, and Partitioned (CHIPS): it
lives in a cookie jar of its own for that platform's site, apart from the person's session on
this site at top level, and a site that frames us without launching sees no session at all.
Where the browser keeps no third-party cookie even so, the launch offers to continue in a new
window (lms/lti/handoff.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request, session

from lms.cookie_sessions import KeptSessionInterface
from lms.lti.models import LtiPlatform
from lms.security import allow_framing_by

FRAME_KEY = "lti_frame"  # in the session: the origins that may frame a launched session's pages
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
TOOL_PLATFORM = "https://purl.imsglobal.org/spec/lti/claim/tool_platform"


def origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def frame_origins(platform: LtiPlatform, claims: dict | None = None) -> list[str]:
    """Where the platform's pages live: its registered addresses, and the addresses its signed
    launch names (a hosted platform's issuer is often not the district's own host)."""
    claims = claims or {}
    urls = [platform.issuer, platform.auth_login_url,
            (claims.get(PRESENTATION) or {}).get("return_url"),
            (claims.get(TOOL_PLATFORM) or {}).get("url")]
    return sorted({found for url in urls if (found := origin(url))})


def mark_framed(origins: list[str]) -> None:
    """This (just begun) session's pages may be framed by these origins."""
    session[FRAME_KEY] = origins
    allow_framing_by(origins)


def _framed_session() -> bool:
    return request.is_secure and bool(session.get(FRAME_KEY))


class FramedSessionInterface(KeptSessionInterface):
    """Flask's signed-cookie sessions; a launched session's cookie is SameSite=None, Secure and
    Partitioned over https, so the browser keeps it inside the platform's iframe."""

    def get_cookie_samesite(self, app):
        return "None" if _framed_session() else super().get_cookie_samesite(app)

    def get_cookie_secure(self, app):
        return True if _framed_session() else super().get_cookie_secure(app)

    def get_cookie_partitioned(self, app):
        return True if _framed_session() else super().get_cookie_partitioned(app)


def init_app(app: Flask) -> None:
    app.session_interface = FramedSessionInterface()

    @app.before_request
    def _framed_pages():
        origins = session.get(FRAME_KEY)
        if origins:
            allow_framing_by(origins)
