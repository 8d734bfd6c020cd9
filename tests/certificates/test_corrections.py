"""Holders' correction requests: queued for the admins, answered by a reissue (with the name as
asked or as the admin corrects it) or declined with a reason; the holder is emailed at each
step, in their language, and every link in those emails works."""
import pytest
from sqlalchemy import select, update

from lms.auth.models import User
from lms.certificates.models import CertificateStatus, CorrectionRequest, CorrectionState
from lms.extensions import db
from tests.certificates.credentials import ready_certificate
from tests.certificates.helpers import certificates
from tests.certificates.lifecycle import admin_browser, emails_to, follow_every_link
from tests.conftest import PASSWORD
from tests.helpers import text_of

HOLDER = "learner@example.org"


@pytest.fixture
def asked(app, client, auth, course, learner):
    """A ready certificate whose holder (signed in on `client`) asked for "Leigh Learner"."""
    certificate = ready_certificate(app, client, auth)
    admin = admin_browser(app)  # exists before the request, so it is told
    response = client.post(f"/certificates/{certificate.id}/correction",
                           data={"name": "Leigh Learner"})
    assert response.status_code == 302
    return certificate, admin


def _requests(app) -> list[CorrectionRequest]:
    with app.app_context():
        rows = list(db.session.scalars(select(CorrectionRequest).order_by(CorrectionRequest.id)))
        db.session.expunge_all()
        return rows


def test_a_request_is_queued_and_both_sides_are_told(app, client, asked):
    certificate, admin = asked
    [request] = _requests(app)
    assert (request.requested_name, request.state) == ("Leigh Learner", CorrectionState.OPEN)
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "We have your request for a corrected certificate"
    assert "Leigh Learner" in body
    follow_every_link(client, body)
    [(_, to_admin)] = emails_to(app, "ada@example.org")
    assert follow_every_link(admin, to_admin) == ["/admin/corrections"]
    queue = text_of(admin.get("/admin/corrections"))
    assert "“Lee Learner” → “Leigh Learner”" in queue and certificate.code in queue
    page = text_of(client.get(f"/certificates/{certificate.id}/correction"))
    assert "You asked on" in page and "Leigh Learner" in page
    # A second request replaces the name of the open one.
    client.post(f"/certificates/{certificate.id}/correction", data={"name": "Leigh A. Learner"})
    assert [r.requested_name for r in _requests(app)] == ["Leigh A. Learner"]


def test_the_admin_reissues_from_the_queue(app, client, asked):
    certificate, admin = asked
    [request] = _requests(app)
    field = f"request-{request.id}-printed_name"
    assert 'value="Leigh Learner"' in admin.get("/admin/corrections").get_data(as_text=True)
    response = admin.post(f"/admin/corrections/{request.id}/reissue", data={field: ""})
    assert response.status_code == 400 and "This field is required." in text_of(response)
    response = admin.post(f"/admin/corrections/{request.id}/reissue",
                          data={field: "Leigh Learner"})
    assert response.status_code == 302
    old, new = certificates(app)
    assert old.status is CertificateStatus.SUPERSEDED and new.printed_name == "Leigh Learner"
    [done] = _requests(app)
    assert done.state is CorrectionState.DONE and done.replacement_id == new.id
    assert "No requests are waiting." in text_of(admin.get("/admin/corrections"))
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Your certificate was reissued" and new.code in body
    follow_every_link(client, body)
    response = admin.post(f"/admin/corrections/{request.id}/reissue",
                          data={field: "Leigh Learner"})
    assert response.status_code == 409 and "already answered" in text_of(response)


def test_the_admin_declines_with_a_reason_the_holder_reads(app, client, asked):
    certificate, admin = asked
    [request] = _requests(app)
    with app.app_context():
        db.session.execute(update(User).where(User.email == HOLDER).values(language="es"))
        db.session.commit()
    field = f"request-{request.id}-reason"
    response = admin.post(f"/admin/corrections/{request.id}/decline", data={field: "  "})
    assert response.status_code == 400
    response = admin.post(f"/admin/corrections/{request.id}/decline",
                          data={field: "Necesitamos ver un documento con ese nombre."})
    assert response.status_code == 302
    assert _requests(app)[0].state is CorrectionState.DECLINED
    assert [c.status for c in certificates(app)] == [CertificateStatus.READY]
    subject, body = emails_to(app, HOLDER)[-1]
    assert subject == "Sobre su solicitud de un certificado corregido"
    assert "Motivo: Necesitamos ver un documento con ese nombre." in body
    ends = follow_every_link(client, body)
    assert f"/certificates/{certificate.id}/correction" in ends
    assert "correction declined" in text_of(admin.get("/admin/audit"))


def test_unknown_requests_and_strangers(app, client, asked):
    certificate, admin = asked
    assert admin.post("/admin/corrections/999/decline", data={}).status_code == 404
    assert admin.post("/admin/corrections/999/reissue", data={}).status_code == 404
    assert client.get("/admin/corrections").status_code == 404  # the holder is no admin


def test_a_revoked_certificates_correction_link_explains_instead_of_404(app, client, asked):
    certificate, admin = asked
    admin.post(f"/admin/certificates/{certificate.id}/revoke", data={"reason": "Shared account."})
    response = client.get(f"/certificates/{certificate.id}/correction", follow_redirects=True)
    assert response.status_code == 200
    assert "This certificate was withdrawn, so its name cannot be corrected." in text_of(response)


def test_deleting_the_account_deletes_its_requests(app, client, asked):
    assert client.post("/profile/delete", data={"password": PASSWORD}).status_code == 302
    assert _requests(app) == []
