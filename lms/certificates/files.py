"""Where certificate PDFs are stored: certificates/<code>.pdf in the file store (lms/storage).

A certificate row's storage_key is the name "<code>.pdf"; the store's key adds the folder."""
from flask import Response

from lms.storage import Delivery, file_storage
from lms.storage.keys import certificate_key

PDF = "application/pdf"


def storage_key(code: str) -> str:
    return f"{code}.pdf"


def save_pdf(stored_name: str, pdf: bytes) -> None:
    file_storage().put(certificate_key(stored_name), pdf, PDF)


def delete_pdf(stored_name: str) -> None:
    file_storage().delete(certificate_key(stored_name))


def pdf_download(stored_name: str, download_name: str) -> Response:
    """The PDF as an attachment, never cached: the file itself, or a redirect to a link that
    expires within 5 minutes. FileNotFoundError / StorageUnavailable (an OSError) otherwise."""
    return file_storage().respond(certificate_key(stored_name),
                                  Delivery(PDF, download_name=download_name, private=True))
