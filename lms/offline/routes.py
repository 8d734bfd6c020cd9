"""The pages that make the site an installable web app with a crisis kit that works offline.

The service worker is served from the site root (its scope is the whole site), always
revalidated, with the kit's list of pages written into it: a publish changes its bytes, so the
browser installs it again at the next visit online and fetches the new text into a new cache.
"""
import json
from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    make_response,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from lms.catalogue import listing
from lms.learn.cache import shared_page
from lms.offline.kit import crisis_kit, crisis_module

bp = Blueprint("offline", __name__)
THEME_COLOUR = "#073763"
BACKGROUND_COLOUR = "#ffffff"
ICON_MAX_AGE = 24 * 60 * 60


def _revalidated(response):
    response.cache_control.public = True
    response.cache_control.no_cache = True
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/service-worker.js")
def service_worker():
    kit = crisis_kit(_listed_snapshots())
    script = (Path(current_app.static_folder) / "service-worker.js").read_text()
    body = f"self.OFFLINE_KIT = {json.dumps(kit.as_json())};\n{script}"
    response = make_response(body)
    response.mimetype = "text/javascript"
    return _revalidated(response)


def _listed_snapshots():
    return [ref.snapshot() for ref in listing.listed_refs()]


@bp.get("/manifest.webmanifest")
def manifest():
    icon = "icons/icon-{0}.png"
    site = current_app.config["SITE_NAME"]
    manifest = {
        "name": site,
        "short_name": current_app.config["SITE_SHORT_NAME"],
        "description": current_app.config["SITE_DESCRIPTION"] or current_app.config["SITE_NAME"],
        "lang": "en",
        "start_url": url_for("portal.home"),
        "scope": url_for("portal.home"),
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": url_for("static", filename=icon.format(192)), "sizes": "192x192",
             "type": "image/png", "purpose": "any"},
            {"src": url_for("static", filename=icon.format(512)), "sizes": "512x512",
             "type": "image/png", "purpose": "any"},
            {"src": url_for("static", filename=icon.format("maskable-512")),
             "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    response = make_response(json.dumps(manifest, indent=1))
    response.mimetype = "application/manifest+json"
    return _revalidated(response)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links; answer rather than log a 404."""
    response = send_from_directory(current_app.static_folder, "favicon.ico",
                                   max_age=ICON_MAX_AGE)
    response.cache_control.public = True
    return response


@bp.get("/offline")
@shared_page
def offline_page():
    kits = [(snapshot, crisis_module(snapshot)) for snapshot in _listed_snapshots()]
    return render_template("offline/offline.html",
                           kits=[(snapshot, module) for snapshot, module in kits if module])
