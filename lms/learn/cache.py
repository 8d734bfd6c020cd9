"""Pages that are the same for every visitor who is not signed in, rendered once per version.

The rendered page lives on the snapshot it was rendered from, so a publish (a new snapshot)
drops every cached page with it, and the cache never holds more than the course's pages. Each
language has its own snapshot, so its own pages: an English visitor never gets a Spanish page.
"""
import hashlib
from functools import wraps

from flask import current_app, make_response, request, session
from flask_login import current_user

from lms.catalogue.published import published_snapshot
from lms.catalogue.snapshot import CachedPage
from lms.progress import guest_cookie


def shared_page(view):
    """Serve the page from the snapshot's cache to visitors who are not signed in, with an ETag
    and Cache-Control that let a browser or CDN revalidate it instead of downloading it again.

    Signed-in learners, guests (a guest cookie: progress kept on this device) and anyone with
    a message waiting to be shown get their own page, marked no-store by the app's default.
    """

    @wraps(view)
    def wrapper(**kwargs):
        if current_user.is_authenticated or guest_cookie.present() or session.get("_flashes"):
            return view(**kwargs)
        snapshot = published_snapshot()
        # The snapshot is one language's (lms/i18n.py chose it), and so are its pages.
        key = request.path
        page = snapshot.pages.get(key) if snapshot else None
        if page is None:
            response = make_response(view(**kwargs))
            if response.status_code != 200 or snapshot is None:
                return response
            body = response.get_data()
            page = CachedPage(body, hashlib.sha256(body).hexdigest()[:32], response.mimetype)
            snapshot.pages[key] = page  # only real pages (200) are kept: bounded
        response = current_app.response_class(page.body, mimetype=page.mimetype)
        response.set_etag(page.etag)
        response.cache_control.public = True
        response.cache_control.no_cache = True  # may be stored, but revalidated every time
        # Every response says Vary: Cookie, Accept-Language (lms/i18n.remember_choice): a
        # signed-in visitor's or a guest's page differs, and so does each language's.
        return response.make_conditional(request)

    return wrapper
