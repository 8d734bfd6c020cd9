"""Helpers for redirect targets."""
from urllib.parse import urlsplit


def local_path(target: str | None) -> str | None:
    """Return target only if it is a path on this site (never another host): no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
