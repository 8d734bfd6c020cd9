"""Certificate administration: admins only; revoke needs a reason; reissue needs a name.
The rest of a certificate's life (reinstate, reissue from any state, corrections, emails):
test_lifecycle.py and test_corrections.py."""
import pytest

from lms.auth.models import Role
from lms.certificates.models import CertificateStatus
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


@pytest.fixture
def certificate(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    auth.logout()
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        make_user("trainer@example.org", "Tia Trainer", PASSWORD, Role.TRAINER)
    return certificates(app)[0]


def test_only_admins_reach_the_admin_pages(client, auth, certificate):
    urls = ["/admin/certificates", f"/admin/certificates/{certificate.id}"]
    for url in urls:
        assert client.get(url).status_code == 404
    for email in ("learner@example.org", "trainer@example.org"):
        auth.login(email)
        for url in urls:
            assert client.get(url).status_code == 404
        assert client.post(f"/admin/certificates/{certificate.id}/revoke",
                           data={"reason": "x"}).status_code == 404
        auth.logout()
    auth.login("admin@example.org")
    page = text_of(client.get("/admin/certificates"))
    assert certificate.code in page and "Lee Learner" in page
    assert certificate.code in text_of(client.get("/admin/certificates", query_string={
        "q": certificate.code.lower()}))
    assert "No certificates match" in text_of(client.get("/admin/certificates",
                                                         query_string={"q": "Nobody"}))


def test_revoking_needs_a_reason_and_happens_once(app, client, auth, certificate):
    auth.login("admin@example.org")
    url = f"/admin/certificates/{certificate.id}/revoke"
    response = client.post(url, data={"reason": "  "})
    assert response.status_code == 400 and "This field is required." in text_of(response)
    assert certificates(app)[0].status is CertificateStatus.PENDING
    client.post(url, data={"reason": "Completed on a shared account."})
    [revoked] = certificates(app)
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoked_reason == "Completed on a shared account." and revoked.revoked_at
    response = client.post(url, data={"reason": "again"})
    assert response.status_code == 409
    assert "Only a valid certificate can be revoked." in text_of(response)
    # A revoked certificate can still be reissued (tests/certificates/test_lifecycle.py).


def test_the_learner_sees_revocation_and_replacement(app, client, auth, certificate):
    auth.login("admin@example.org")
    client.post(f"/admin/certificates/{certificate.id}/reissue", data={"printed_name": ""})
    assert len(certificates(app)) == 1
    client.post(f"/admin/certificates/{certificate.id}/reissue",
                data={"printed_name": "Leigh Learner"})
    old, new = certificates(app)
    auth.logout()
    auth.login()
    page = text_of(client.get("/my-certificates"))
    assert "Replaced by a corrected certificate on" in page and "Leigh Learner" in page
    page = text_of(client.get(f"/certificates/{old.id}"))
    assert "See the current certificate" in page and "Download your certificate" not in page
    assert client.get(f"/certificates/{old.id}/pdf").status_code == 404
