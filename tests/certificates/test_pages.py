"""The learner's certificate pages: name confirmation, status, my certificates, download, access."""
import io

import pypdf

from lms.auth.models import Role
from lms.certificates.rendering import render_and_store
from tests.certificates.helpers import certificates, finish_course
from tests.certificates.lifecycle import emails_to
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of


def _render_all(app):
    with app.app_context():
        for certificate in certificates(app):
            render_and_store(certificate.id)


def test_the_name_to_print_shows_before_the_last_step(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client, leave="later")
    for page in ("/my-learning", "/courses/mini/lessons/later"):
        text = text_of(client.get(page))
        assert "Your certificate will show: Lee Learner" in text, page
        assert "Change the name to print in your profile" in text
    assert "Your certificate will show" not in text_of(client.get("/courses/mini/lessons/act-now"))
    client.post("/profile", data={"name": "Lee Learner", "certificate_name": "Lee A. Learner"})
    assert "Your certificate will show: Lee A. Learner" in text_of(client.get(
        "/courses/mini/lessons/later"))


def test_the_name_shows_on_the_quiz_when_it_is_the_last_step(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client, leave="next-steps")
    page = text_of(client.get("/courses/mini/modules/next-steps/quiz"))
    assert "Your certificate will show: Lee Learner" in page
    assert "Your certificate will show" not in text_of(client.get(
        "/courses/mini/modules/basics/quiz"))


def test_finishing_the_last_lesson_leads_to_the_certificate_being_prepared(app, client, auth,
                                                                          course, learner):
    auth.login()
    finish_course(app, client, leave="later")
    response = client.post("/courses/mini/lessons/later/complete", follow_redirects=True)
    [certificate] = certificates(app)
    assert response.request.path == f"/certificates/{certificate.id}"
    page = text_of(response)
    assert "You have completed the course" in page
    assert "being prepared" in page and "updates by itself" in page
    assert "Lee Learner" in page and certificate.code in page
    assert client.get(f"/certificates/{certificate.id}/status").json == {
        "status": "pending", "download_url": None}

    _render_all(app)
    page = text_of(client.get(f"/certificates/{certificate.id}"))
    assert "Download your certificate (PDF)" in page
    assert client.get(f"/certificates/{certificate.id}/status").json == {
        "status": "ready", "download_url": f"/certificates/{certificate.id}/pdf"}


def test_passing_the_final_quiz_says_the_course_is_complete(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client, leave="next-steps")
    response = client.post("/courses/mini/modules/next-steps/quiz", data=quiz_answers(app,
                                                                                      "next-steps"))
    assert "You have completed the course" in text_of(response)
    assert "See your certificate" in text_of(response)


def test_my_certificates_lists_state_and_download(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    assert "Status: Being prepared" in text_of(client.get("/my-certificates"))
    _render_all(app)
    [certificate] = certificates(app)
    page = text_of(client.get("/my-certificates"))
    assert "Mini Course" in page and "Status: Ready" in page and certificate.code in page
    response = client.get(f"/certificates/{certificate.id}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=certificate-mini-course-lee-learner.pdf")
    assert "Lee Learner" in pypdf.PdfReader(io.BytesIO(response.data)).pages[0].extract_text()


def test_only_the_holder_and_admins_reach_a_certificate(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    _render_all(app)
    [certificate] = certificates(app)
    urls = [f"/certificates/{certificate.id}", f"/certificates/{certificate.id}/status",
            f"/certificates/{certificate.id}/pdf"]
    auth.logout()
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: log in first
    with app.app_context():
        make_user("other@example.org", "Olive Other", PASSWORD)
        make_user("trainer@example.org", "Tia Trainer", PASSWORD, Role.TRAINER)
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    for email in ("other@example.org", "trainer@example.org"):
        auth.login(email)
        for url in urls:
            assert client.get(url).status_code == 404, (email, url)
        assert certificate.code not in text_of(client.get("/my-certificates"))
        auth.logout()
    auth.login("admin@example.org")
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get("/certificates/9999/pdf").status_code == 404


def test_a_correction_request_reaches_the_admins(app, client, auth, course, learner):
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    page = text_of(client.get(f"/certificates/{certificate.id}"))
    assert "Name wrong? Ask for a corrected certificate" in page
    response = client.post(f"/certificates/{certificate.id}/correction", data={"name": ""})
    assert response.status_code == 400 and "This field is required." in text_of(response)
    response = client.post(f"/certificates/{certificate.id}/correction",
                           data={"name": "Leigh Learner"}, follow_redirects=True)
    assert "We have asked for a corrected certificate" in text_of(response)
    [(_, email)] = emails_to(app, "admin@example.org")
    assert "Corrected name: Leigh Learner" in email
    assert "/admin/corrections" in email  # the queue (tests/certificates/test_corrections.py)
