"""What every storage backend offers, and the errors callers handle.

Keys are names the app makes, a few "/"-separated segments of safe characters, e.g.
"certificates/ABCD-EFGH-JKMN-PQRS/0f3a9c2b7d1e4a65.pdf" or "images/<course-slug>/<name>"
(lms/storage/keys.py).
"""
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from flask import Response

SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
# A private file's signed link lasts this long at most (seconds).
PRIVATE_LINK_SECONDS = 300


class StorageUnavailable(OSError):
    """The store cannot be reached or read right now (a 503 for the visitor, never a 500)."""


def check_key(key: str) -> str:
    segments = key.split("/")
    if not 1 <= len(segments) <= 4 or not all(
            SEGMENT.fullmatch(s) and ".." not in s for s in segments):
        raise ValueError(f"not a storage key: {key!r}")
    return key


@dataclass(frozen=True)
class Stored:
    key: str
    modified: datetime
    size: int


@dataclass(frozen=True)
class Delivery:
    """How a route answers with a stored file.

    private: an attachment named download_name, never cached (e.g. a certificate);
    otherwise public: shown in place and cached for max_age seconds (images, handouts)."""
    content_type: str
    download_name: str | None = None
    private: bool = True
    max_age: int = 0


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes:
        """The bytes; FileNotFoundError if there is none, StorageUnavailable if unreachable."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Gone afterwards, whether or not it was there."""

    def listing(self, prefix: str) -> list[Stored]:
        """Every stored key under prefix (a folder: "images/<course-slug>/")."""

    def respond(self, key: str, delivery: Delivery) -> Response:
        """The file itself (public files; private ones on the filesystem), or a redirect to a
        signed link that expires within PRIVATE_LINK_SECONDS (private files on S3);
        FileNotFoundError if there is none, StorageUnavailable if the store is unreachable."""
