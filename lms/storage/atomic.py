"""Atomic file writes: readers never see half a file, and a crash never forgets a rename."""
import os
import tempfile
from pathlib import Path

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
