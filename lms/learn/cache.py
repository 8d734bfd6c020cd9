"""Pages that are the same for every visitor who is not signed in, rendered once per version.

A course's pages live on the snapshot they were rendered from, so a publish (a new snapshot)
drops every cached page with it. Site pages (the catalogue, the offline page) live on the
catalogue's current state, replaced when any listed course publishes or the list changes. Each
language has its own snapshot and catalogue state, so its own pages.
"""
import hashlib
import threading
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_login import current_user

from lms.catalogue import listing
from lms.catalogue.snapshot import CachedPage
from lms.i18n import current_language, rendering_shared_page
from lms.progress import guest_cookie

SITE_PAGES = "site_pages"


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


def _page_store() -> dict[str, CachedPage]:
    """The cache a page belongs to: its course's snapshot, or the catalogue's current state."""
    if "snapshot" in g:
        return g.snapshot.pages
    refs = g.get("listed_refs")
    if refs is None:
        refs = g.listed_refs = listing.listed_refs()
    state = tuple((ref.id, ref.version) for ref in refs)
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
            return view(**kwargs)
        pages = _page_store()
        key = request.path
        page = pages.get(key)
        if page is None:
            rendering_shared_page()  # so no link in it carries this visitor's query string
            response = make_response(view(**kwargs))
            if response.status_code != 200:
                return response
            body = response.get_data()
            page = CachedPage(body, hashlib.sha256(body).hexdigest()[:32], response.mimetype)
            pages[key] = page  # only real pages (200) are kept: bounded by the site's pages
        response = current_app.response_class(page.body, mimetype=page.mimetype)
        response.set_etag(page.etag)
        response.cache_control.public = True
        response.cache_control.no_cache = True  # may be stored, but revalidated every time
        # Every response says Vary: Cookie, Accept-Language (lms/i18n.remember_choice): a
        # signed-in visitor's or a guest's page differs, and so does each language's.
        return response.make_conditional(request)

    return wrapper
