"""Stored files behind one interface (put, get, exists, delete, listing, respond), in the
instance folder (FILE_STORAGE=filesystem, the default) or an S3-compatible bucket
(FILE_STORAGE=s3). Routes answer downloads with respond(): the file, or a signed link."""
from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l

from lms.storage.atomic import DEFAULT_MODE, write_atomically
from lms.storage.base import Delivery, Storage, StorageUnavailable, Stored
from lms.storage.filesystem import FilesystemStorage
from lms.storage.s3 import S3Storage, client_from_config

UNAVAILABLE = _l("Stored files cannot be reached right now. Nothing you saved is lost. Please "
                 "try again in a few minutes.")

__all__ = ["DEFAULT_MODE", "UNAVAILABLE", "Delivery", "FilesystemStorage", "S3Storage", "Storage",
           "Stored", "StorageUnavailable", "build_storage", "file_storage", "init_app",
           "write_atomically"]


def build_storage(config, instance_path: str) -> Storage:
    if config["FILE_STORAGE"] == "s3":
        return S3Storage(client_from_config(config), config["S3_BUCKET"])
    if config["FILE_STORAGE"] != "filesystem":
        raise RuntimeError(f"FILE_STORAGE must be filesystem or s3, not {config['FILE_STORAGE']!r}")
    return FilesystemStorage(instance_path, places={"certificates": config["CERTIFICATE_DIR"]},
                             mode=config["CERTIFICATE_FILE_MODE"])


def init_app(app: Flask) -> None:
    """One store per app: boto3 clients are thread-safe and keep their connection pool."""
    app.extensions["storage"] = build_storage(app.config, app.instance_path)

    @app.errorhandler(StorageUnavailable)
    def storage_unavailable(error: StorageUnavailable):
        """Anywhere a stored file cannot be reached: a 503 page saying so, never a 500."""
        app.logger.error("File storage unavailable: %s", error)
        return render_template("errors/error.html", code=503, message=str(UNAVAILABLE)), 503


def file_storage() -> Storage:
    return current_app.extensions["storage"]
