"""Images for lessons: checked by their first bytes (not the name), kept in instance/uploads."""
import re
import secrets
from pathlib import Path

from lms.refusal import N_, Refusal
from lms.storage import write_atomically

MAX_IMAGE_BYTES = 2 * 1024 * 1024
NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|webp)$")
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


def upload_dir(instance_path: str) -> Path:
    return Path(instance_path) / "uploads"


def save_image(instance_path: str, filename: str, data: bytes) -> str:
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
    write_atomically(upload_dir(instance_path) / name, data)
    return name


def stored_images(instance_path: str) -> list[str]:
    folder = upload_dir(instance_path)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if NAME.match(p.name)]
    return [p.name for p in sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)]


def delete_image(instance_path: str, name: str) -> bool:
    """Remove a stored image; False if there is no such image."""
    path = upload_dir(instance_path) / name
    if not NAME.match(name) or not path.is_file():
        return False
    path.unlink()
    return True
