"""One interface, two backends: the same behaviour from the instance folder and from S3."""
import urllib.error
import urllib.parse
import urllib.request

import pytest

from lms.authoring import archive
from lms.storage import Delivery

PDF = b"%PDF-1.7 a stand-in certificate\n%%EOF"


def fetch(url: str) -> tuple[int, dict, bytes]:
    """GET a link as a browser would (no cookies, no app): status, headers, body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback http
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_round_trip(store):
    key = "certificates/ABCD-EFGH.pdf"
    assert not store.exists(key)
    store.put(key, PDF, "application/pdf")
    assert store.exists(key)
    assert store.get(key) == PDF
    store.put(key, b"replaced", "application/pdf")
    assert store.get(key) == b"replaced"
    store.put("images/mini/a.png", b"png", "image/png")
    store.put("images/other/b.png", b"png", "image/png")
    assert [item.key for item in store.listing("images/mini/")] == ["images/mini/a.png"]
    store.delete(key)
    assert not store.exists(key)
    store.delete(key)  # already gone: no error
    with pytest.raises(FileNotFoundError):
        store.get(key)


@pytest.mark.parametrize("key", ["../secret_key", "a//b", "/etc/passwd", "a/../b", "",
                                 "images/mini/.hidden", "a/b/c/d/e"])
def test_keys_are_names_the_app_makes_never_paths(store, key):
    with pytest.raises(ValueError):
        store.put(key, b"x", "text/plain")


def test_a_private_download_is_an_attachment_never_cached(app, store, backend):
    store.put("certificates/ABCD.pdf", PDF, "application/pdf")
    with app.test_request_context():
        response = store.respond("certificates/ABCD.pdf", Delivery(
            "application/pdf", download_name="certificate-mini-lee.pdf", private=True))
    assert "no-store" in response.headers["Cache-Control"]
    if backend == "filesystem":
        response.direct_passthrough = False
        assert response.status_code == 200 and response.get_data() == PDF
        assert response.headers["Content-Disposition"].startswith("attachment;")
        return
    assert response.status_code == 302
    link = response.headers["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert int(query["X-Amz-Expires"][0]) <= 300  # expires within 5 minutes
    status, headers, body = fetch(link)
    assert status == 200 and body == PDF
    assert headers["Content-Disposition"].startswith(
        'attachment; filename="certificate-mini-lee.pdf"')
    assert headers["Content-Type"] == "application/pdf"


def test_a_public_file_is_served_from_the_site_and_cached(app, store):
    """Same origin on both backends: the CSP allows images only from the site itself, and the
    offline kit keeps only same-origin responses."""
    store.put("images/mini/a.png", b"\x89PNG", "image/png")
    with app.test_request_context():
        response = store.respond("images/mini/a.png",
                                 Delivery("image/png", private=False, max_age=86400))
        response.direct_passthrough = False
        assert response.status_code == 200 and response.get_data() == b"\x89PNG"
        assert response.headers["Cache-Control"] == "public, max-age=86400"
        etag = response.headers["ETag"]
    with app.test_request_context(headers={"If-None-Match": etag}):
        again = store.respond("images/mini/a.png",
                              Delivery("image/png", private=False, max_age=86400))
        assert again.status_code == 304


def test_a_missing_file_is_not_found(app, store):
    with app.test_request_context(), pytest.raises(FileNotFoundError):
        store.respond("certificates/NONE.pdf", Delivery("application/pdf", "x.pdf"))


def test_an_import_zip_waits_for_apply_in_the_store(app, store):
    with app.app_context():
        token = archive.stash(b"PK a course zip")
        assert store.exists(f"imports/{token}.zip")
        assert archive.purge_stale_stashes(max_age=3600) == 0
        assert archive.unstash(token) == b"PK a course zip"
        assert archive.purge_stale_stashes(max_age=-60) == 1  # as if a day had passed
        assert archive.unstash(token) is None
        assert archive.unstash("../../secret_key") is None
