"""Images for lessons: checked by their first bytes (not the name), stored per course as
images/<course-slug>/<name> in the file store (lms/storage)."""
import re
import secrets
from pathlib import Path

from flask import Response

from lms.refusal import N_, Refusal
from lms.storage import Delivery, file_storage
from lms.storage.keys import image_key, images_prefix

MAX_IMAGE_BYTES = 2 * 1024 * 1024
NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|webp)$")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
MIMETYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
EXTENSIONS = {"png": {"png"}, "jpg": {"jpg", "jpeg"}, "gif": {"gif"}, "webp": {"webp"}}


class UploadRejected(Refusal):
    """The file is not an image we accept; the message says why."""


def sniff(data: bytes) -> str | None:
    """The image type from its magic bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


# Public, like the lessons that show them; a name is never reused, so caching for a day is safe.
IMAGE_MAX_AGE = 86400


def save_image(course_slug: str, filename: str, data: bytes) -> str:
    """Check and store an uploaded image; returns its stored name (random, so never guessed)."""
    if len(data) > MAX_IMAGE_BYTES:
        raise UploadRejected(N_("The image is larger than 2 MB. Please make it smaller."))
    kind = sniff(data)
    extension = Path(filename or "").suffix.lower().lstrip(".")
    if kind is None:
        raise UploadRejected(N_("That file is not a PNG, JPEG, GIF or WebP image."))
    if extension not in EXTENSIONS[kind]:
        raise UploadRejected(N_("The file's name ends in .%(extension)s but it is a %(kind)s "
                                "image. Rename it and try again."),
                             extension=extension or "(nothing)", kind=kind.upper())
    name = f"{secrets.token_hex(16)}.{kind}"
    file_storage().put(image_key(course_slug, name), data, MIMETYPES[kind])
    return name


def stored_images(course_slug: str) -> list[str]:
    """The course's image names, newest first."""
    found = [item for item in file_storage().listing(images_prefix(course_slug))
             if NAME.match(item.key.rsplit("/", 1)[-1])]
    return [item.key.rsplit("/", 1)[-1]
            for item in sorted(found, key=lambda item: item.modified, reverse=True)]


def delete_image(course_slug: str, name: str) -> bool:
    """Remove a stored image; False if there is no such image."""
    if not NAME.match(name) or not file_storage().exists(image_key(course_slug, name)):
        return False
    file_storage().delete(image_key(course_slug, name))
    return True


def is_stored(course_slug: str, name: str) -> bool:
    return bool(NAME.match(name)) and file_storage().exists(image_key(course_slug, name))


def image_response(course_slug: str, name: str) -> Response:
    """The image, cached for a day; FileNotFoundError if there is none (or the names are not
    ones we make), StorageUnavailable when the store cannot be reached."""
    match = NAME.match(name)
    if not match or not SLUG.fullmatch(course_slug):
        raise FileNotFoundError(name)
    return file_storage().respond(image_key(course_slug, name), Delivery(
        MIMETYPES[match.group(1)], private=False, max_age=IMAGE_MAX_AGE))
