"""One-time links from a launch to the page it leads to: the launch signs the person in, then
sends the browser to /lti/arrive/<token>. If the session cookie came back, the frame simply
goes on to the course; if the browser kept no cookie inside the platform's iframe, the page
offers /lti/continue/<token> in a new window, which signs them in at top level.

A token works once, for two minutes; only its SHA-256 is stored, and its path is hidden from
the access log (lms/access_log.py)."""
from __future__ import annotations

import hashlib
import secrets

from lms.lti import storage

HANDOFF_SECONDS = 120


def _key(token: str) -> str:
    return "handoff-" + hashlib.sha256(token.encode()).hexdigest()


def make_handoff(user_id: int, destination: str, frame_origins: list[str]) -> str:
    """A token that signs user_id in once and leads to destination (a path on this site);
    frame_origins may show its page in their iframe."""
    token = secrets.token_urlsafe(24)
    storage.put(_key(token), {"user_id": user_id, "to": destination, "frame": frame_origins},
                HANDOFF_SECONDS)
    return token


def peek_handoff(token: str) -> dict | None:
    return storage.get(_key(token))


def take_handoff(token: str) -> dict | None:
    """What the token was made for, used up now (None: unknown, expired or already used)."""
    return storage.take(_key(token))
