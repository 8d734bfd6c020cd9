"""Downloads through the app on each backend: a learner's certificate, a lesson image, a
handout PDF; and what a learner gets when the store cannot be reached."""
import hashlib
import socket
import time

import pytest

from lms.auth.models import Role
from lms.catalogue.handouts import write_handout_pdfs
from lms.certificates.rendering import render_and_store
from lms.content.loader import load_course
from lms.extensions import db
from lms.storage import build_storage
from tests.authoring.test_uploads import tiny_png, upload
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import text_of
from tests.storage.test_backends import fetch


@pytest.fixture
def certificate(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    with app.app_context():
        assert render_and_store(certificate.id)
    [certificate] = certificates(app)
    return certificate


def downloaded(response, backend) -> bytes:
    """The certificate a browser ends up with: the response itself, or what its redirect to a
    signed link gives."""
    if backend == "filesystem":
        assert response.status_code == 200
        return response.get_data()
    assert response.status_code == 302
    status, _, body = fetch(response.headers["Location"])
    assert status == 200
    return body


def test_the_holder_downloads_the_certificate_pdf(client, certificate, backend):
    response = client.get(f"/certificates/{certificate.id}/pdf")
    assert "no-store" in response.headers["Cache-Control"]
    pdf = downloaded(response, backend)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256


def test_another_learner_gets_no_certificate_and_no_link(app, client, auth, certificate):
    auth.logout()
    with app.app_context():
        make_user("other@example.org", "Olive Other", PASSWORD)
    auth.login("other@example.org")
    response = client.get(f"/certificates/{certificate.id}/pdf")
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_a_lesson_image_uploads_and_serves(app, client, auth, course, backend):
    with app.app_context():
        make_user("trainer@example.org", "Tia Trainer", PASSWORD, Role.TRAINER)
    auth.login("trainer@example.org")
    html = upload(client, tiny_png(), "square.png").get_data(as_text=True)
    url = html.split('id="snippet" value="')[1].split('"')[0].split("(")[1].rstrip(")")
    assert url.rsplit("/", 1)[1] in client.get("/manage/mini/images").get_data(as_text=True)
    auth.logout()
    course_part, name = url.removeprefix("/uploads/").split("/")
    assert course_part == "mini"
    response = client.get(url)  # a visitor, like the lesson's readers
    assert response.status_code == 200 and response.get_data() == tiny_png()
    assert response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    # Lessons written before images were per course keep working; other courses have no copy.
    old = client.get(f"/uploads/{name}")
    assert (old.status_code, old.headers["Location"]) == (301, url)
    assert client.get(f"/uploads/another-course/{name}").status_code == 404
    assert client.get("/uploads/" + "f" * 32 + ".png").status_code == 404


def test_a_handout_pdf_serves_per_course(app, client, course, backend):
    with app.app_context():
        write_handout_pdfs(load_course(MINI_COURSE))
    english = client.get("/courses/mini/resources/checklist.pdf")
    assert english.status_code == 200 and english.get_data().startswith(b"%PDF")
    assert english.headers["Content-Disposition"].startswith("inline;")
    client.set_cookie("lang", "es")
    spanish = client.get("/courses/mini/resources/checklist.pdf")
    assert spanish.status_code == 200 and spanish.get_data().startswith(b"%PDF")
    assert spanish.get_data() != english.get_data()


@pytest.fixture(params=["refused", "silent"])
def unreachable(request, app, silent_port, monkeypatch):
    """Turn the app's store into an S3 store nobody answers at: a closed port, or one that
    accepts connections and never replies."""
    def cut():
        port = silent_port if request.param == "silent" else closed_port()
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "any")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "any")
        # The default timeouts and retries, as in production.
        config = {**app.config, "FILE_STORAGE": "s3", "S3_BUCKET": "lms",
                  "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}"}
        app.extensions["storage"] = build_storage(config, app.instance_path)
    return cut


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_store_gets_a_clear_503_in_seconds(app, client, certificate, unreachable):
    unreachable()
    for url in [f"/certificates/{certificate.id}/pdf", "/uploads/" + "a" * 32 + ".png",
                "/courses/mini/resources/checklist.pdf"]:
        started = time.monotonic()
        response = client.get(url)
        assert time.monotonic() - started < 8, url
        assert response.status_code == 503, url
        assert "right now" in text_of(response), url


def test_the_images_page_says_so_too(app, client, auth, course, unreachable):
    with app.app_context():
        make_user("trainer@example.org", "Tia Trainer", PASSWORD, Role.TRAINER)
        db.session.commit()
    auth.login("trainer@example.org")
    unreachable()
    response = client.get("/manage/mini/images")
    assert response.status_code == 503
    assert "Stored files cannot be reached right now" in text_of(response)
