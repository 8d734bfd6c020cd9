"""What browsers and CDNs may keep: nothing personal, static files for a year by their hash.

Every response is `Cache-Control: no-store` unless its view said otherwise (the shared learner
pages do, see lms/learn/cache.py). Static files are linked by a content-hashed name
(style.3f2a9c1b0d4e.css), so each can be cached "forever" and a new version is a new name.
"""
import hashlib
import re
from pathlib import Path

from flask import Flask, Response, abort, send_from_directory

STATIC_MAX_AGE = 365 * 24 * 60 * 60
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


class StaticFiles:
    def __init__(self, folder: str):
        self.folder = Path(folder).resolve()
        self._digests: dict[str, str] = {}

    def digest(self, filename: str) -> str | None:
        """The content hash of a file in the static folder; None for any other name. The name
        may come from a URL: a file outside the folder (`%2e%2e/…`) is never read, nor its
        name kept (audit finding N7). Only each file's own name is kept, so other spellings
        (`./style.css`) cannot grow the map."""
        if filename in self._digests:
            return self._digests[filename]
        path = (self.folder / filename).resolve()
        if not path.is_relative_to(self.folder):
            return None
        name = path.relative_to(self.folder).as_posix()
        if name not in self._digests:
            if not path.is_file():
                return None
            self._digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return self._digests[name]

    def hashed_name(self, filename: str) -> str:
        digest = self.digest(filename)
        if digest is None:
            return filename
        path = Path(filename)
        return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))

    def serve(self, filename: str) -> Response:
        match = _HASHED.match(filename)
        if match:
            original = f"{match['stem']}{match['suffix']}"
            if self.digest(original) != match["digest"]:
                abort(404)  # an old version's name: its content is not served as the new one
            response = send_from_directory(self.folder, original, max_age=STATIC_MAX_AGE)
            response.cache_control.public = True
            response.cache_control.immutable = True
            return response
        response = send_from_directory(self.folder, filename, max_age=0)
        response.cache_control.no_cache = True
        return response


def register_cache_headers(app: Flask) -> None:
    static = StaticFiles(app.static_folder)
    app.view_functions["static"] = static.serve

    @app.url_defaults
    def hashed_static_names(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = static.hashed_name(values["filename"])

    @app.after_request
    def no_store_by_default(response: Response) -> Response:
        if not response.cache_control:
            response.cache_control.no_store = True
        return response
