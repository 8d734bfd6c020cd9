"""The public verify page: valid, revoked, superseded, not found; initials unless name matches."""
from zoneinfo import ZoneInfo

import pytest

from lms.auth.models import Role
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


@pytest.fixture
def certificate(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    auth.logout()
    return certificates(app)[0]


@pytest.fixture
def admin(app, client, auth):
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    auth.login("admin@example.org")


def test_anyone_sees_validity_course_date_and_initials_but_not_the_name(client, certificate):
    response = client.get(f"/verify/{certificate.code}")
    page = text_of(response)
    assert response.status_code == 200
    assert "Valid." in page and "Mini Course (edition 1)" in page
    there = certificate.completed_at.astimezone(ZoneInfo("America/New_York"))  # the default
    assert f"Completed on {there:%B} {there.day}, {there.year}" in page  # "December 6, 2026"
    assert "Initials L. L." in page
    assert "Lee Learner" not in page
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_the_full_name_shows_only_when_the_verifier_types_it(client, certificate):
    wrong = text_of(client.post(f"/verify/{certificate.code}", data={"name": "Lee Lerner"}))
    assert "That name does not match" in wrong and "Lee Learner" not in wrong
    right = text_of(client.post(f"/verify/{certificate.code}", data={"name": "  lee   LEARNER "}))
    assert "Lee Learner name confirmed" in right
    response = client.post(f"/verify/{certificate.code}", data={"name": ""})
    assert response.status_code == 400 and "This field is required." in text_of(response)


def test_a_code_can_be_typed_loosely_into_the_form(client, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get("/verify", query_string={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/verify/{certificate.code}"
    assert client.get(f"/verify/{typed.replace(' ', '')}").status_code == 302


def test_unknown_and_malformed_codes(client, course):
    response = client.get("/verify/AAAA-BBBB-CCCC-DDDD")
    assert response.status_code == 404
    assert "No certificate has the code AAAA-BBBB-CCCC-DDDD" in text_of(response)
    response = client.get("/verify/not-a-code")
    assert response.status_code == 404 and "Certificate not found" in text_of(response)
    response = client.get("/verify", query_string={"code": "12345"})
    assert response.status_code == 400
    assert "A verification code has 16 letters and digits" in text_of(response)
    assert client.get("/verify").status_code == 200


def test_revoked_shows_the_date_and_reason(app, client, certificate, admin):
    response = client.post(f"/admin/certificates/{certificate.id}/revoke",
                           data={"reason": "Issued in error."})
    assert response.status_code == 302
    page = text_of(client.get(f"/verify/{certificate.code}"))
    assert "Revoked on" in page and "Reason: Issued in error." in page
    assert "Valid." not in page


def test_a_corrected_reissue_supersedes_and_the_old_code_points_to_it(app, client, certificate,
                                                                      admin):
    client.post(f"/admin/certificates/{certificate.id}/reissue",
                data={"printed_name": "Leigh Learner"})
    old, new = certificates(app)
    assert new.printed_name == "Leigh Learner" and new.code != old.code
    assert old.superseded_by_id == new.id
    page = text_of(client.get(f"/verify/{old.code}"))
    assert "Replaced on" in page and f"check the current certificate {new.code}" in page
    page = text_of(client.get(f"/verify/{new.code}"))
    assert "Valid." in page and "Initials L. L." in page
    # Reissued again: the first code still leads to the newest certificate.
    client.post(f"/admin/certificates/{new.id}/reissue", data={"printed_name": "Leigh A. Learner"})
    newest = certificates(app)[-1]
    page = text_of(client.get(f"/verify/{old.code}"))
    assert f"check the current certificate {newest.code}" in page


def test_verification_is_rate_limited(app, client, certificate):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert client.get(f"/verify/{certificate.code}").status_code == 200
    assert client.post(f"/verify/{certificate.code}", data={"name": "x"}).status_code == 429
    assert client.get("/verify").status_code == 429
