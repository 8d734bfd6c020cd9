"""Private files of the embedded default, in instance/: created owner-only from the first byte
(the database holds password hashes, the outbox live reset links, the secret key signs every
session)."""
import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

# The checkout: templates, migrations, the course files and the certificate design live here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def write_once(path: Path, text: str) -> str:
    """Create path holding text, readable by its owner only, unless it already exists; either
    way return what the file holds. Safe when several processes start at the same moment."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # atomic, and refuses to replace: the first process wins
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_text()


def private_folder(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)  # also when an older version made it world-readable


def prepare(config: dict) -> None:
    """Make the outbox folder and the SQLite database file owner-only before anything is
    written there (SQLite gives its journal files the database file's mode)."""
    if not config.get("MAIL_SERVER"):
        private_folder(Path(config["OUTBOX_DIR"]))
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        if database.parent.is_dir():
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
            database.chmod(0o600)
