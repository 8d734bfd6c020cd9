"""Where certificate PDFs are stored: certificates/<code>/<hash>.pdf in the file store
(lms/storage), one folder per certificate.

A certificate row's storage_key is the name within certificates/: "<code>/<hash>.pdf", where
<hash> begins the SHA-256 of the file's bytes (rows rendered before 7 December 2026 name
"<code>.pdf"). Each render has a name of its own because two runs of the same render can
race (a redelivered task beside a slow one) and WeasyPrint's bytes for the same page differ
between processes: under one shared name the loser's bytes could replace the winner's after
the row recorded the winner's hash, and the holder's file would no longer check."""
import hashlib

from flask import Response

from lms.storage import Delivery, file_storage
from lms.storage.keys import certificate_key

PDF = "application/pdf"


def storage_key(code: str, sha256: str) -> str:
    """The stored name of one render of the certificate: its folder, and its bytes' hash."""
    return f"{code}/{sha256[:16]}.pdf"


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


def delete_other_renders(code: str, keep: str | None = None) -> None:
    """Delete every render stored in the certificate's folder but `keep` (a stored name; None:
    all of them): a run that lost a race, or one killed between storing and recording."""
    store, kept = file_storage(), keep and certificate_key(keep)
    for item in store.listing(f"{certificate_key(code)}/"):
        if item.key != kept:
            store.delete(item.key)


def delete_certificate_files(code: str, stored_name: str | None) -> None:
    """Every file of the certificate: its recorded PDF and any other render of it."""
    if stored_name:
        delete_pdf(stored_name)
    delete_other_renders(code)


def pdf_download(stored_name: str, download_name: str) -> Response:
    """The PDF as an attachment, never cached: the file itself, or a redirect to a link that
    expires within 5 minutes. FileNotFoundError / StorageUnavailable (an OSError) otherwise."""
    return file_storage().respond(certificate_key(stored_name),
                                  Delivery(PDF, download_name=download_name, private=True))
