"""The pages every visitor shares, answered before Flask: a cache in front of the app.

A page that lms/learn/cache.py `shared_page` serves to a visitor (no account signed in, no
guest progress, nothing waiting to be shown) is the same bytes for every visitor who reads it
in the same language: the wrapper marks it in the WSGI environ, and this middleware keeps the
response exactly as the app sent it (status 200, body and every header: the ETag, the cache
and security headers, Vary). The next such request for the same path and language gets it
without a request context, a session, hooks or a view, which are most of a cached page's cost
(docs/performance.md).

Only a GET with no query string and no cookie but `lang` is answered here; anything else, and
every conditional request (If-None-Match: a 304 is the app's to make), goes to the app. A kept
page lives as long as the catalogue answer it was rendered from (PUBLISHED_CHECK_SECONDS
after that answer was read, lms/catalogue/listing.py), and not past a course change this
process made: a publish shows here when it shows in the app's own pages. A lesson answered
here still counts as a view (lms/reports/reading.py). PUBLISHED_CHECK_SECONDS=0 turns it off.
"""
import threading
from dataclasses import dataclass

from flask import Flask
from werkzeug.http import parse_cookie

from lms.catalogue import listing
from lms.i18n import LANGUAGE_COOKIE, visitor_language
from lms.learn.cache import SHARED_PAGE
from lms.reports.reading import LESSON_VIEWED, note_view

MAX_PAGES = 4096  # every course's pages in both languages; a bound whatever paths are asked


@dataclass(frozen=True)
class KeptPage:
    body: bytes
    headers: list[tuple[str, str]]
    read_at: float  # time.monotonic() when its catalogue answer was read
    generation: int
    lesson_id: int | None


class VisitorPages:
    """WSGI middleware around the app's own wsgi_app (inside ProxyFix, so the scheme is the
    visitor's)."""

    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
        self._lock = threading.Lock()
        self._pages: dict[tuple, KeptPage] = {}

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        page = self._pages.get(key)
        if page is not None and self._fresh(page):
            if page.lesson_id is not None:
                note_view(self.app, page.lesson_id, environ.get("HTTP_USER_AGENT", ""))
            start_response("200 OK", list(page.headers))
            return [page.body]
        return self._keep(key, environ, start_response)

    def _key(self, environ) -> tuple | None:
        if (self.app.config["PUBLISHED_CHECK_SECONDS"] <= 0
                or environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING")
                or "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if any(name != LANGUAGE_COOKIE for name in cookies):
            return None  # a session, a guest's progress, a remembered device: the app's
        language = visitor_language(cookies.get(LANGUAGE_COOKIE),
                                    environ.get("HTTP_ACCEPT_LANGUAGE"))
        return (environ.get("wsgi.url_scheme"), environ.get("SCRIPT_NAME", ""),
                environ.get("PATH_INFO", ""), language)

    def _fresh(self, page: KeptPage) -> bool:
        return listing.answers_read(self.app).is_current(page.read_at, page.generation)

    def _keep(self, key: tuple, environ, start_response):
        answer = {}

        def noting(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, noting)
        shared = environ.get(SHARED_PAGE)
        if (shared is None or not answer.get("status", "").startswith("200 ")
                or any(name.lower() == "set-cookie" for name, _ in answer["headers"])):
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        read_at, generation = shared
        page = KeptPage(content, list(answer["headers"]), read_at, generation,
                        environ.get(LESSON_VIEWED))
        with self._lock:
            if len(self._pages) >= MAX_PAGES:
                self._pages.clear()
            self._pages[key] = page
        return [content]


def init_app(app: Flask) -> None:
    """Put the cache in front of the app (before any proxy middleware wraps it)."""
    app.wsgi_app = VisitorPages(app, app.wsgi_app)
