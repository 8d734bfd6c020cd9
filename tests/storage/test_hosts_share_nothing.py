"""Hosts that share nothing but the database, Redis and the file store (issue 22, item 3): two
apps, each started with an empty instance folder of its own, the secret key and the signing keys
from settings. A session begun on one is valid on the other, "log out everywhere" on one ends it
on both, a credential signed on one verifies on the other, a certificate rendered on one
downloads through the other; and neither host wrote a key of its own."""
import io
from pathlib import Path

import pytest

from lms import create_app
from lms.extensions import db
from tests.certificates.credentials import render, verify_independently
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import _use_schema
from tests.helpers import SIGNING_KEYS, STRONG_KEY, text_of
from tests.storage.test_downloads import downloaded


@pytest.fixture
def app_config(app_config, request, monkeypatch, tmp_path):
    """The keys come from the environment, as in production, not from the test's config. With
    FILE_STORAGE=filesystem hosts need one shared certificate volume (OPERATIONS.md); with s3
    the bucket is what they share."""
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("CERTIFICATE_SIGNING_KEYS", SIGNING_KEYS)
    config = {k: v for k, v in app_config.items() if k != "SECRET_KEY"}
    if config.get("FILE_STORAGE", "filesystem") == "filesystem":
        config["CERTIFICATE_DIR"] = str(tmp_path / "shared-volume")
    return config


@pytest.fixture
def other_host(app, app_config, tmp_path, monkeypatch):
    """A second host: its own empty instance folder, the same database and settings."""
    folder = tmp_path / "other-host"
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(folder))
    other = create_app(app_config)
    with other.app_context():
        if app.extensions["test_schema"]:
            _use_schema(db.engine, app.extensions["test_schema"])
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def move_cookies(source, target) -> None:
    """The browser's cookies, sent to the other host (as a load balancer would)."""
    for cookie in list(source._cookies.values()):
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def written_keys(app) -> list[str]:
    """Anything a host generated for itself that another host would have to read."""
    folder = Path(app.instance_path)
    return [path.name for path in (folder / "secret_key", folder / "signing-keys")
            if path.exists()]


def test_a_session_from_one_host_is_valid_on_the_other(app, other_host, client, auth, course,
                                                       learner):
    assert auth.login().status_code == 302
    there = other_host.test_client()
    move_cookies(client, there)
    page = there.get("/profile")
    assert page.status_code == 200 and "learner@example.org" in text_of(page)
    # "Log out everywhere" on the other host ends the session this host began.
    assert there.post("/profile/log-out-everywhere").status_code == 302
    assert client.get("/my-learning").status_code == 302
    assert written_keys(app) == written_keys(other_host) == []


def test_a_credential_signed_on_one_host_verifies_on_the_other(app, other_host, client, auth,
                                                               course, learner):
    auth.login()
    finish_course(app, client)
    certificate = render(app)  # signed and rendered here
    token = client.get(f"/certificates/{certificate.id}/credential.jwt").get_data()
    there = other_host.test_client()
    claims = verify_independently(there, token.decode())  # keys from the other's issuer profile
    assert claims["credentialSubject"]
    page = there.post("/verify/file", data={"file": (io.BytesIO(token), "credential.jwt")},
                      content_type="multipart/form-data")
    assert "This credential is exactly as we signed it." in text_of(page)
    assert written_keys(app) == written_keys(other_host) == []


def test_a_certificate_rendered_on_one_host_downloads_through_the_other(
        app, other_host, client, auth, course, learner, backend):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    render(other_host)  # the worker's host
    [certificate] = certificates(app)
    pdf = downloaded(client.get(f"/certificates/{certificate.id}/pdf"), backend)
    assert pdf.startswith(b"%PDF")
    assert written_keys(app) == written_keys(other_host) == []
