"""Where certificate PDFs are stored: one key per certificate code, behind FileStorage."""
from flask import current_app

from lms.storage import FileStorage


def certificate_storage() -> FileStorage:
    return FileStorage(current_app.config["CERTIFICATE_DIR"])


def storage_key(code: str) -> str:
    return f"{code}.pdf"
