"""Checking a file on /verify: the PDF by its SHA-256, the credential by its signature; in
memory only, limited in size and rate, and every bad file gets a clear 4xx."""
import io
import tempfile

import pytest
import werkzeug.formparser

from lms.certificates import changes
from tests.certificates.credentials import ready_certificate
from tests.helpers import text_of


def _check(client, data: bytes, name="certificate.pdf"):
    return client.post("/verify/file", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _pdf(client, certificate) -> bytes:
    return client.get(f"/certificates/{certificate.id}/pdf").get_data()


def test_the_page_offers_a_file_check(client, course):
    page = text_of(client.get("/verify"))
    assert "Check a file" in page and "nothing you upload is stored" in page


def test_the_issued_pdf_is_recognised_exactly_with_its_state(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    response = _check(client, _pdf(client, certificate))
    assert response.status_code == 200
    page = text_of(response)
    assert "This is exactly the file we issued." in page
    assert "The certificate is valid" in page and certificate.code in page
    assert "SHA-256" in page  # it names what it checked


def test_one_changed_byte_is_refused(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    pdf = bytearray(_pdf(client, certificate))
    pdf[len(pdf) // 2] ^= 0x01
    page = text_of(_check(client, bytes(pdf)))
    assert "This is not a file we issued" in page and "edited, re-saved" in page
    assert "exactly the file we issued" not in page


def test_a_revoked_or_replaced_certificates_pdf_says_so(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    pdf = _pdf(client, certificate)
    with app.app_context():
        changes.reissue(None, certificate.id, "Lee A. Learner")
    page = text_of(_check(client, pdf))
    assert "This is exactly the file we issued." in page
    assert "replaced by a corrected certificate" in page


def test_the_credential_file_is_checked_by_its_signature(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    token = client.get(f"/certificates/{certificate.id}/credential.jwt").get_data()
    page = text_of(_check(client, token, "credential.jwt"))
    assert "This credential is exactly as we signed it." in page and "valid" in page
    with app.app_context():
        changes.revoke(None, certificate.id, "Issued in error")
    page = text_of(_check(client, token, "credential.jwt"))
    assert "exactly as we signed it" in page and "revoked" in page and "Issued in error" in page
    header, payload, signature = token.decode().split(".")
    altered = payload[:40] + ("A" if payload[40] != "A" else "B") + payload[41:]
    page = text_of(_check(client, ".".join((header, altered, signature)).encode(), "c.jwt"))
    assert "This is not a credential we issued" in page and "signature" in page


def test_a_file_that_is_neither_pdf_nor_credential_gets_415(client, course):
    response = _check(client, b"\x89PNG\r\n\x1a\n" + bytes(2000), "photo.png")
    assert response.status_code == 415
    assert "neither a PDF nor a credential" in text_of(response)


def test_no_file_gets_a_400_with_the_reason(client, course):
    response = client.post("/verify/file", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose the file to check." in text_of(response)


def test_a_file_over_5_mb_gets_413_with_a_clear_page(client, course):
    response = _check(client, b"%PDF-1.7\n" + bytes(5 * 1024 * 1024))
    assert response.status_code == 413
    page = text_of(response)
    assert "over 5 MB" in page and "Check a file" in page
    # Up to 5 MB is checked, although the rest of the site takes at most 2 MB.
    response = _check(client, b"%PDF-1.7\n" + bytes(4 * 1024 * 1024))
    assert response.status_code == 200 and "This is not a file we issued" in text_of(response)


def test_with_csrf_on_a_large_file_still_gets_the_clear_413(app, client, course):
    app.config["WTF_CSRF_ENABLED"] = True
    response = _check(client, b"%PDF-1.7\n" + bytes(6 * 1024 * 1024))
    assert response.status_code == 413 and "over 5 MB" in text_of(response)
    response = _check(client, b"%PDF-1.7\n")
    assert response.status_code == 400 and "expired" in text_of(response)


def test_nothing_uploaded_is_written_to_disk(app, client, auth, course, learner, monkeypatch):
    """Werkzeug spools an upload over 500 KB to a temporary file: not on this route."""
    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was spooled to disk")

    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_disk)
    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, no_disk)
    big = b"%PDF-1.7\n" + b"0" * (1024 * 1024)  # well past the 500 KB spooling point
    response = _check(client, big)
    assert response.status_code == 200 and "This is not a file we issued" in text_of(response)
    # The same upload anywhere else would have been spooled: the check above can fail.
    with app.test_request_context("/", method="POST", content_type="multipart/form-data",
                                  data={"file": (io.BytesIO(big), "x.pdf")}):
        from flask import request
        with pytest.raises(AssertionError, match="spooled"):
            request.files  # noqa: B018


def test_the_file_check_is_rate_limited(app, client, course):
    app.config["VERIFY_FILE_RATE_LIMIT"] = "2 per minute"
    codes = [_check(client, b"not a certificate", "x.txt").status_code for _ in range(3)]
    assert codes == [415, 415, 429]


def test_a_spanish_verifier_is_told_why_in_spanish(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    token = client.get(f"/certificates/{certificate.id}/credential.jwt").get_data().decode()
    header, payload, signature = token.split(".")
    altered = payload[:40] + ("A" if payload[40] != "A" else "B") + payload[41:]
    client.set_cookie("lang", "es")
    page = text_of(_check(client, ".".join((header, altered, signature)).encode(), "c.jwt"))
    assert "Su firma no coincide con su contenido" in page
    unsigned = b"eyJhbGciOiJub25lIn0.e30."  # {"alg": "none"}: no signature at all
    page = text_of(_check(client, unsigned, "c.jwt"))
    assert "No está firmada como firmamos las credenciales" in page
