"""Pages that are the same for every visitor who is not signed in, rendered once per version;
and signed-in pages that are the same for every learner in the same state, rendered once too.

A course's pages live on the snapshot they were rendered from, so a publish (a new snapshot)
drops every cached page with it. Site pages (the catalogue, the offline page) live on the
catalogue's current state, replaced when any listed course publishes or the list changes. Each
language has its own snapshot and catalogue state, so its own pages.
"""
import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from lms.catalogue import listing
from lms.catalogue.snapshot import CachedPage, Snapshot
from lms.i18n import current_language, rendering_shared_page
from lms.outage import check_reachable
from lms.progress import guest_cookie

SITE_PAGES = "site_pages"
# Set in the WSGI environ of a page every visitor shares, for the cache in front of the app
# (lms/front_cache.py): (read_at, generation) of the oldest catalogue answer it was made from.
SHARED_PAGE = "lms.shared_page"


class SitePages:
    """The site pages of the catalogue's current state, one state per language at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._states: dict[str, tuple[tuple, dict[str, CachedPage]]] = {}

    def pages(self, language: str, state: tuple) -> dict[str, CachedPage]:
        with self._lock:
            current = self._states.get(language)
            if current is None or current[0] != state:
                current = self._states[language] = (state, {})
            return current[1]


def init_app(app) -> None:
    app.extensions[SITE_PAGES] = SitePages()
    app.extensions[ACROSS_COURSES] = BoundedPages(ACROSS_COURSES_SIZE)
    app.add_template_global(once_per_snapshot)


def _page_store() -> dict[str, CachedPage]:
    """The cache a page belongs to: its course's snapshot, or the catalogue's current state."""
    if "snapshot" in g:
        return g.snapshot.pages
    state = tuple((ref.id, ref.version) for ref in listing.listed_refs())
    return current_app.extensions[SITE_PAGES].pages(current_language(), state)


def shared_page(view):
    """Serve the page from its cache to visitors who are not signed in, with an ETag and
    Cache-Control that let a browser or CDN revalidate it instead of downloading it again.

    Signed-in learners, guests (a guest cookie: progress kept on this device) and anyone with
    a message waiting to be shown get their own page, marked no-store by the app's default.
    """

    @wraps(view)
    def wrapper(**kwargs):
        if current_user.is_authenticated or guest_cookie.present() or session.get("_flashes"):
            _unless_unreachable()
            return view(**kwargs)
        pages = _page_store()
        # A course's visibility is not its version's: archiving changes what its pages say
        # to newcomers, with no new snapshot.
        key = (request.path, g.course_ref.visibility) if "course_ref" in g else request.path
        page = pages.get(key)
        if page is None:
            check_reachable()  # a visitor whose catalogue came from memory has not asked yet
            _unless_unreachable()  # nothing to serve from memory: 503 (lms/outage.py)
            rendering_shared_page()  # so no link in it carries this visitor's query string
            response = make_response(view(**kwargs))
            if response.status_code != 200:
                return response
            body = response.get_data()
            page = CachedPage(body, hashlib.sha256(body).hexdigest()[:32], response.mimetype)
            pages[key] = page  # only real pages (200) are kept: bounded by the site's pages
        if "catalogue_read_at" in g:  # the front cache may keep it (lms/front_cache.py)
            request.environ[SHARED_PAGE] = (g.catalogue_read_at, g.catalogue_generation)
        response = current_app.response_class(page.body, mimetype=page.mimetype)
        response.set_etag(page.etag)
        response.cache_control.public = True
        response.cache_control.no_cache = True  # may be stored, but revalidated every time
        # Every response says Vary: Cookie, Accept-Language (lms/i18n.remember_choice): a
        # signed-in visitor's or a guest's page differs, and so does each language's.
        return response.make_conditional(request)

    wrapper.is_shared_page = True  # may be served while the database is unreachable
    return wrapper


def _unless_unreachable() -> None:
    """Only a page already in memory is served while the database is unreachable."""
    error = g.get("database_unreachable")
    if error is not None:
        raise error


# Stands in a learner page's cached HTML for the form token, which is each session's own.
_CSRF_PLACEHOLDER = f"csrf-placeholder-{secrets.token_hex(16)}"


class BoundedPages:
    """Pages kept for the whole site, the most recently used `size` of them (a process's memory
    stays bounded however many learners' states there are)."""

    def __init__(self, size: int):
        self._size = size
        self._lock = threading.Lock()
        self._pages: OrderedDict[tuple, str] = OrderedDict()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def __setitem__(self, key: tuple, page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)


# My learning, the catalogue and each course's home, per state of a learner's courses: ~10 KB
# a page.
ACROSS_COURSES = "pages_across_courses"
ACROSS_COURSES_SIZE = 2000


def pages_across_courses() -> BoundedPages:
    return current_app.extensions[ACROSS_COURSES]


def learner_page(state: tuple, render: Callable[..., str], store=None) -> str:
    """A signed-in learner's page of the course (g.snapshot), rendered once for every learner
    with the same role and the same `state` on it (a lesson: done or not), then served from
    the snapshot with this session's form token put in. A page across courses, or one whose
    states a course does not bound (a course's home: every combination of steps done), passes
    `store` (pages_across_courses(), the most recently used) and a state that names the
    version of every course it shows.

    The caller passes a state that is all a page shows of the learner, and renders itself
    (no cache) any page that shows more (their name, say). Whatever else a page may show of
    its reader is rendered as usual, uncached: a message waiting (flash), a query string
    (`?lang=`, which also saves a language), a guest's progress on this device.
    """
    if session.get("_flashes") or request.args or guest_cookie.present():
        return render()
    key = (request.path, current_language(), current_user.is_trainer, current_user.is_admin,
           *state)
    pages = g.snapshot.learner_pages if store is None else store
    body = pages.get(key)
    if body is None:
        # csrf_token() is the one per-session value in a page; everything else comes from the
        # snapshot, the route, the language and the role, all in the key (or the snapshot).
        body = render(csrf_token=lambda: _CSRF_PLACEHOLDER)
        pages[key] = body  # bounded: the course's pages x roles x states, or the store's size
    if _CSRF_PLACEHOLDER in body:
        body = body.replace(_CSRF_PLACEHOLDER, form_token())
    return body


# How long one signed form token serves a session's pages. Signing one (itsdangerous) cost
# more than putting it into a kept page; a token is still accepted for WTF_CSRF_TIME_LIMIT
# after it was signed, so a page's token lasts that long less at most this.
TOKEN_REUSE_SECONDS = 60


class SignedTokens:
    """The form tokens signed in the current period, by (signing key, session's raw token):
    bounded by the sessions that asked in one period, as each period starts afresh."""

    def __init__(self):
        self._period: tuple[int, dict] = (-1, {})

    def get(self, key: tuple, sign: Callable[[], str]) -> str:
        now = int(time.monotonic() // TOKEN_REUSE_SECONDS)
        period, tokens = self._period
        if period != now:
            tokens = {}
            self._period = (now, tokens)  # two threads may both start one: each signs its own
        token = tokens.get(key)
        if token is None:
            token = tokens[key] = sign()
        return token


_signed_tokens = SignedTokens()


def form_token() -> str:
    """This session's form token (Flask-WTF's generate_csrf), signed at most once a period."""
    config = current_app.config
    field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    raw = session.get(field)
    if field in g or not isinstance(raw, str):
        return generate_csrf()  # already made for this request, or the session's first
    token = _signed_tokens.get((config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key,
                                raw), generate_csrf)
    setattr(g, field, token)  # what generate_csrf() answers for the rest of the request
    return token


def once_per_snapshot(snapshot: Snapshot, key: tuple, render: Callable[..., str], *args) -> str:
    """A part of a page rendered once per snapshot (so per version and language) for every
    reader: render(*args) (a macro: its Markup is kept as it is), kept under key, which must
    name all the part shows and be bounded by the course (a step; a module and its numbers
    done) and never name a person."""
    key = (current_language(), *key)  # the snapshot's language, unless a page mixed them
    found = snapshot.fragments.get(key)
    if found is None:
        found = snapshot.fragments[key] = render(*args)
    return found
