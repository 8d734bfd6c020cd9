"""Copy an instance's stored files into the configured store (`flask storage migrate`).

Sources: files already laid out by key under the instance folder (certificates/, handouts/,
images/, imports/), and the layout before the file store had keys (handouts/<slug>.pdf,
uploads/<name> for the one course the site then served). Each copy is read back and its
SHA-256 compared; a file already stored with the same SHA-256 is left alone, so running it
again copies nothing and a half-finished run simply continues.
"""
import hashlib
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lms.storage.base import SEGMENT, Storage
from lms.storage.filesystem import FilesystemStorage
from lms.storage.keys import handout_key, image_key


@dataclass
class Outcome:
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def sources(instance: FilesystemStorage, course_slug: str | None) -> Iterator[tuple[Path, str]]:
    """(file, key) for every stored file of the instance, once per key. Files already laid out
    by key come first and win over a copy of the same file in the old layout, which needs the
    course it belongs to (the one course the site served then)."""
    seen = set()
    for path, key in _every_source(instance, course_slug):
        if key not in seen:
            seen.add(key)
            yield path, key


def _every_source(instance: FilesystemStorage, course_slug: str | None):
    for folder in ("certificates", "images", "imports"):
        for item in instance.listing(f"{folder}/"):
            yield instance.path(item.key), item.key
    for item in instance.listing("handouts/"):
        if item.key.count("/") == 2:  # handouts/<course>/<file>
            yield instance.path(item.key), item.key
    if course_slug is None:
        return
    for path in sorted((instance.root / "handouts").glob("*.pdf")):
        stem, _, language = path.name.removesuffix(".pdf").partition(".")
        if SEGMENT.fullmatch(stem):
            yield path, handout_key(course_slug, stem, language or "en")
    for path in sorted((instance.root / "uploads").glob("*")):
        if path.is_file() and SEGMENT.fullmatch(path.name):
            yield path, image_key(course_slug, path.name)


def migrate(instance: FilesystemStorage, target: Storage, course_slug: str | None) -> Outcome:
    outcome = Outcome()
    for path, key in sources(instance, course_slug):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if _stored_digest(target, key) == digest:
            outcome.unchanged.append(key)
            continue
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        target.put(key, data, content_type)
        if _stored_digest(target, key) == digest:
            outcome.copied.append(key)
        else:
            outcome.failed.append(key)
    return outcome


def _stored_digest(target: Storage, key: str) -> str | None:
    try:
        return hashlib.sha256(target.get(key)).hexdigest()
    except FileNotFoundError:
        return None
