"""Helpers for URLs: safe redirect targets, and absolute public links."""
from urllib.parse import urlsplit

from flask import current_app


def local_path(target: str | None) -> str | None:
    """Return target only if it is a path on this site (never another host): no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def public_url(endpoint: str, **values) -> str:
    """An absolute URL under PUBLIC_BASE_URL, built without a request (emails, printed PDFs)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
