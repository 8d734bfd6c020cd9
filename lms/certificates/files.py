"""Where certificate PDFs are stored: one key per certificate code, behind FileStorage."""
from flask import current_app

from lms.storage import FileStorage


def certificate_storage() -> FileStorage:
    config = current_app.config
    return FileStorage(config["CERTIFICATE_DIR"], mode=config["CERTIFICATE_FILE_MODE"])


def storage_key(code: str) -> str:
    return f"{code}.pdf"
