"""The embedded default: files under the instance folder, written atomically."""
from datetime import UTC, datetime
from pathlib import Path

from flask import Response, send_file

from lms.storage.atomic import DEFAULT_MODE, write_atomically
from lms.storage.base import Delivery, Stored, check_key


class FilesystemStorage:
    """Key "a/b/c" is the file <root>/a/b/c, except where places gives a top-level segment a
    folder of its own (e.g. certificates -> CERTIFICATE_DIR, a volume shared with workers)."""

    def __init__(self, root: str | Path, places: dict[str, str | Path] | None = None,
                 mode: int = DEFAULT_MODE):
        self.root = Path(root)
        self.places = {name: Path(folder) for name, folder in (places or {}).items()}
        self.mode = mode

    def path(self, key: str) -> Path:
        top, _, rest = check_key(key).partition("/")
        if top in self.places:
            return self.places[top] / rest
        return self.root / key

    def put(self, key: str, data: bytes, content_type: str) -> None:
        write_atomically(self.path(key), data, self.mode)

    def get(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def listing(self, prefix: str) -> list[Stored]:
        folder = self.path(prefix.rstrip("/"))
        if not folder.is_dir():
            return []
        found = []
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):  # not a write in progress
                stat = path.stat()
                key = f"{prefix.rstrip('/')}/{path.relative_to(folder).as_posix()}"
                found.append(Stored(key, datetime.fromtimestamp(stat.st_mtime, UTC),
                                    stat.st_size))
        return found

    def respond(self, key: str, delivery: Delivery) -> Response:
        if not delivery.private:  # cached, revalidated by ETag and Last-Modified
            return send_file(self.path(key), mimetype=delivery.content_type,
                             download_name=delivery.download_name, max_age=delivery.max_age)
        stream = self.path(key).open("rb")  # FileNotFoundError, or another OSError if unreadable
        response = send_file(stream, mimetype=delivery.content_type, as_attachment=True,
                             download_name=delivery.download_name)
        response.headers["Cache-Control"] = "private, no-store"
        return response
