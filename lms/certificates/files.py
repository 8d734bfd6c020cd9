"""Where certificate PDFs are stored: certificates/<code>.pdf in the file store (lms/storage).

A certificate row's storage_key is the name "<code>.pdf"; the store's key adds the folder."""
import hashlib

from flask import Response

from lms.storage import Delivery, file_storage
from lms.storage.keys import certificate_key

PDF = "application/pdf"


def storage_key(code: str) -> str:
    return f"{code}.pdf"


def save_pdf(stored_name: str, pdf: bytes) -> None:
    file_storage().put(certificate_key(stored_name), pdf, PDF)


def is_stored(stored_name: str | None, sha256: str | None) -> bool:
    """The store holds this PDF with these bytes (False when it holds none, or others)."""
    if not stored_name or not sha256:
        return False
    try:
        data = file_storage().get(certificate_key(stored_name))
    except FileNotFoundError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256


def delete_pdf(stored_name: str) -> None:
    file_storage().delete(certificate_key(stored_name))


def pdf_download(stored_name: str, download_name: str) -> Response:
    """The PDF as an attachment, never cached: the file itself, or a redirect to a link that
    expires within 5 minutes. FileNotFoundError / StorageUnavailable (an OSError) otherwise."""
    return file_storage().respond(certificate_key(stored_name),
                                  Delivery(PDF, download_name=download_name, private=True))
