"""A certificate's whole life as an admin sees it: revoke, reinstate within
CERTIFICATE_REINSTATE_DAYS with a reason, reissue from any state; each step in the audit log
with its author, and an email to the holder, in their language, whose every link works."""
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import update

from lms.auth.models import User
from lms.certificates.models import Certificate, CertificateStatus
from lms.extensions import db
from tests.certificates.credentials import ready_certificate
from tests.certificates.helpers import certificates
from tests.certificates.lifecycle import admin_browser, emails_to, follow_every_link
from tests.helpers import text_of

HOLDER = "learner@example.org"


@pytest.fixture
def ready(app, client, auth, course, learner):
    """A ready certificate; the holder stays signed in on `client`."""
    return ready_certificate(app, client, auth)


def _revoke(admin, certificate, reason="Completed on a shared account."):
    return admin.post(f"/admin/certificates/{certificate.id}/revoke", data={"reason": reason})


def test_revoking_emails_the_holder_and_every_link_works(app, client, ready):
    admin = admin_browser(app)
    assert _revoke(admin, ready).status_code == 302
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Your certificate was withdrawn"
    assert "Completed on a shared account." in body and ready.code in body
    ends = follow_every_link(client, body)
    assert f"/verify/{ready.code}" in ends and "/my-certificates" in ends


def test_a_revoked_certificate_is_reinstated_within_the_period_with_a_reason(app, client, ready):
    admin = admin_browser(app)
    _revoke(admin, ready)
    url = f"/admin/certificates/{ready.id}/reinstate"
    page = text_of(admin.get(f"/admin/certificates/{ready.id}"))
    assert "Reinstate" in page and "Possible until" in page
    response = admin.post(url, data={"reason": " "})
    assert response.status_code == 400 and "This field is required." in text_of(response)
    response = admin.post(url, data={"reason": "The shared account was a mistake on our side."})
    assert response.status_code == 302
    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.READY and certificate.revoked_at is None
    assert certificate.code == ready.code
    assert "has not been revoked" in text_of(client.get(f"/verify/{ready.code}"))
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Your certificate is valid again"
    assert "The shared account was a mistake on our side." in body
    follow_every_link(client, body)
    response = admin.post(url, data={"reason": "again"})
    assert response.status_code == 409
    assert "Only a revoked certificate can be reinstated." in text_of(response)


def test_reinstating_after_the_period_is_refused(app, ready):
    admin = admin_browser(app)
    _revoke(admin, ready)
    with app.app_context():
        days = app.config["CERTIFICATE_REINSTATE_DAYS"]
        certificate = db.session.get(Certificate, ready.id)
        certificate.revoked_at -= timedelta(days=days, minutes=1)
        db.session.commit()
    assert "reissue it instead" in text_of(admin.get(f"/admin/certificates/{ready.id}"))
    response = admin.post(f"/admin/certificates/{ready.id}/reinstate", data={"reason": "late"})
    assert response.status_code == 409
    assert f"more than {days} days ago" in text_of(response)
    assert certificates(app)[0].status is CertificateStatus.REVOKED


def test_a_revoked_certificate_is_reissued_and_the_old_code_points_to_it(app, client, ready):
    admin = admin_browser(app)
    _revoke(admin, ready)
    response = admin.post(f"/admin/certificates/{ready.id}/reissue",
                          data={"printed_name": "Leigh Learner"})
    assert response.status_code == 302
    old, new = certificates(app)
    assert old.status is CertificateStatus.SUPERSEDED and old.superseded_by_id == new.id
    assert new.status is CertificateStatus.PENDING and new.printed_name == "Leigh Learner"
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Your certificate was reissued"
    assert new.code in body and old.code in body and "Leigh Learner" in body
    ends = follow_every_link(client, body)
    assert f"/certificates/{new.id}/correction" in ends and f"/verify/{new.code}" in ends


def test_reissuing_a_replaced_certificate_reissues_its_current_version(app, ready):
    admin = admin_browser(app)
    admin.post(f"/admin/certificates/{ready.id}/reissue", data={"printed_name": "Leigh Learner"})
    admin.post(f"/admin/certificates/{ready.id}/reissue", data={"printed_name": "Lee Learner"})
    first, second, third = certificates(app)
    assert first.superseded_by_id == second.id and second.superseded_by_id == third.id
    assert third.printed_name == "Lee Learner" and third.status is CertificateStatus.PENDING


def test_the_correction_link_of_a_replaced_certificate_leads_to_the_current_one(app, client,
                                                                                ready):
    """Before: the link in the first emails gave 404 once the certificate was reissued."""
    admin = admin_browser(app)
    admin.post(f"/admin/certificates/{ready.id}/reissue", data={"printed_name": "Leigh Learner"})
    _, new = certificates(app)
    response = client.get(f"/certificates/{ready.id}/correction", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == f"/certificates/{new.id}/correction"
    assert "Leigh Learner" in text_of(response)


def test_each_step_is_in_the_audit_log_with_its_author(app, ready):
    admin = admin_browser(app)
    _revoke(admin, ready)
    admin.post(f"/admin/certificates/{ready.id}/reinstate", data={"reason": "Our mistake."})
    admin.post(f"/admin/certificates/{ready.id}/reissue", data={"printed_name": "Leigh Learner"})
    _, new = certificates(app)
    who = "Ada Admin (ada@example.org)"
    history = unescape(text_of(admin.get(f"/admin/certificates/{new.id}")))
    for step in (f"{who} certificate revoked (certificate {ready.code}): Completed on a shared",
                 f"{who} certificate reinstated (certificate {ready.code}): Our mistake.",
                 f"{who} certificate reissued (certificate {ready.code}): was ready; replaced "
                 f"by {new.code}"):
        assert step in history
    log = unescape(text_of(admin.get("/admin/audit")))
    assert log.count(who) == 3 and "Lee Learner (learner@example.org)" in log


def test_the_emails_are_in_the_holders_language(app, client, ready):
    with app.app_context():
        db.session.execute(update(User).values(language="es"))
        db.session.commit()
    admin = admin_browser(app)
    _revoke(admin, ready, "Motivo de prueba.")
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Su certificado fue retirado"
    assert "Retiramos su certificado" in body and "Motivo de prueba." in body
    follow_every_link(client, body)
    admin.post(f"/admin/certificates/{ready.id}/reinstate", data={"reason": "Error nuestro."})
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Su certificado vuelve a ser válido" and "Motivo: Error nuestro." in body
    admin.post(f"/admin/certificates/{ready.id}/reissue", data={"printed_name": "Lía Learner"})
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Su certificado fue reemitido" and "Lía Learner" in body
    follow_every_link(client, body)
