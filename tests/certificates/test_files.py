"""Stored PDFs: readable by the web processes' group (they may run as another user than the
worker), and a clear page, not a 500, when a stored file cannot be read."""
import os
import stat
from pathlib import Path

import pytest

from lms.certificates.rendering import render_and_store
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import text_of


@pytest.fixture
def rendered(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    with app.app_context():
        assert render_and_store(certificate.id)
    [certificate] = certificates(app)
    return Path(app.config["CERTIFICATE_DIR"], certificate.storage_key), certificate


def test_a_stored_pdf_is_group_readable(rendered):
    path, _ = rendered
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.fixture
def app_config(app_config, request):
    mode = getattr(request, "param", None)
    return {**app_config, "CERTIFICATE_FILE_MODE": mode} if mode else app_config


@pytest.mark.parametrize("app_config", [0o644], indirect=True)
def test_the_file_mode_is_a_setting(rendered):
    path, _ = rendered
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_an_unreadable_pdf_gets_a_clear_page(client, rendered):
    path, certificate = rendered
    # Something the web process cannot read where the PDF should be (permissions do not stop
    # root, who runs these tests, so a folder stands in for an unreadable file).
    os.unlink(path)
    path.mkdir()
    response = client.get(f"/certificates/{certificate.id}/pdf")
    assert response.status_code == 503
    assert "cannot be read right now" in text_of(response)
