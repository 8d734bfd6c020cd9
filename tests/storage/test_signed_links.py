"""A presigned link works only as signed and only until it expires, checked by the real
server (SeaweedFS), not by us."""
import time

import pytest

from lms.storage import Delivery
from tests.storage.test_backends import PDF, fetch

pytestmark = pytest.mark.parametrize("backend", ["s3"], indirect=True)


@pytest.fixture
def link(app, store, backend):
    store.put("certificates/ABCD.pdf", PDF, "application/pdf")
    with app.app_context():
        return lambda expires=300: store.link(
            "certificates/ABCD.pdf", Delivery("application/pdf", "mine.pdf"), expires)


def test_the_link_as_signed_works(link):
    assert fetch(link())[0::2] == (200, PDF)


def test_a_tampered_link_is_refused(app, store, link):
    store.put("certificates/OTHER.pdf", b"someone else's", "application/pdf")
    url = link()
    for tampered in [url.replace("ABCD.pdf", "OTHER.pdf"),  # another file
                     url.replace("mine.pdf", "theirs.pdf"),  # another disposition
                     url[:-4] + ("0000" if not url.endswith("0000") else "1111")]:  # signature
        status, _, body = fetch(tampered)
        assert status == 403, tampered
        assert body != PDF and b"someone else" not in body


def test_an_expired_link_is_refused(link):
    url = link(expires=1)
    time.sleep(2)
    status, _, body = fetch(url)
    assert status == 403 and body != PDF
