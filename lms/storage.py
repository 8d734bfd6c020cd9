"""Generated files: atomic writes, and a small key/bytes store object storage could replace."""
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

# Keys are names the app makes (e.g. "ABCD-EFGH-JKMN-PQRS.pdf"), never paths: no "/" or "..".
SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


# Owner read-write, group read: web processes may run as another user (in the worker's group)
# than the worker that wrote the file. mkstemp alone would leave 0600, which the rename keeps.
DEFAULT_MODE = 0o640


def write_atomically(path: Path, data: bytes, mode: int = DEFAULT_MODE) -> None:
    """Write to a temporary file beside path, fsync, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX): without this a crash can forget the new name."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileStorage:
    """Bytes by key in one folder (a shared volume in production)."""

    def __init__(self, root: str | Path, mode: int = DEFAULT_MODE):
        self.root = Path(root)
        self.mode = mode

    def _path(self, key: str) -> Path:
        if not SAFE_KEY.fullmatch(key) or ".." in key:
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def save(self, key: str, data: bytes) -> None:
        write_atomically(self._path(key), data, self.mode)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def open(self, key: str) -> BinaryIO:
        """The stored bytes as a file object; raises FileNotFoundError if absent, another OSError
        if it cannot be read."""
        return self._path(key).open("rb")
