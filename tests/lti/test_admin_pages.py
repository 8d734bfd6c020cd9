"""An admin registers, changes and removes a platform in the browser; the page shows what to
paste into the platform; the audit log keeps each change; the registered platform launches."""
from sqlalchemy import select

from lms.audit import AuditEvent
from lms.auth.models import Role
from lms.extensions import db
from lms.lti.models import LtiPlatform
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of
from tests.lti.conftest import start_login


def admin_client(app):
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    client = app.test_client()
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    return client


def test_an_admin_registers_a_platform_and_it_launches(app, course, platform):
    client = admin_client(app)
    page = text_of(client.get("/admin/lti"))
    assert "No platform is registered yet" in page
    assert "http://127.0.0.1:5000/lti/login" in page  # from PUBLIC_BASE_URL
    assert "http://127.0.0.1:5000/lti/launch" in page
    assert "http://127.0.0.1:5000/lti/jwks" in page
    values = dict(platform.registration, deployment_ids="deployment-1\ndeployment-2")
    response = client.post("/admin/lti/new", data=values)
    assert response.status_code == 302
    page = text_of(client.get("/admin/lti"))
    assert "Test District Canvas is registered" in page
    assert "deployment-1, deployment-2" in page
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "LTI platform registered"))
        assert platform.issuer in event.target and "Ada Admin" in event.actor_name
    assert "LTI platform registered" in text_of(client.get("/admin/audit"))
    start_login(app.test_client(), platform)  # its login initiation is accepted now


def test_the_form_refuses_what_cannot_work(app, platform):
    client = admin_client(app)
    values = dict(platform.registration, key_set_url="http://platform.example/jwks",
                  deployment_ids="  ")
    response = client.post("/admin/lti/new", data=values)
    assert response.status_code == 400
    page = text_of(response)
    assert "starting with https://" in page
    assert "Enter at least one deployment ID" in page
    client.post("/admin/lti/new", data=platform.registration)
    twice = client.post("/admin/lti/new", data=platform.registration)
    assert twice.status_code == 400
    assert "already registered" in text_of(twice)
    with app.app_context():
        assert len(db.session.scalars(select(LtiPlatform)).all()) == 1


def test_an_admin_changes_and_removes_a_platform(app, platform):
    client = admin_client(app)
    client.post("/admin/lti/new", data=platform.registration)
    with app.app_context():
        platform_id = db.session.scalar(select(LtiPlatform.id))
    form = client.get(f"/admin/lti/{platform_id}").get_data(as_text=True)
    assert "deployment-1</textarea>" in form
    changed = client.post(f"/admin/lti/{platform_id}",
                          data=dict(platform.registration, name="Renamed",
                                    deployment_ids="deployment-9"))
    assert changed.status_code == 302
    with app.app_context():
        assert db.session.get(LtiPlatform, platform_id).deployment_ids == ["deployment-9"]
    removed = client.post(f"/admin/lti/{platform_id}/remove")
    assert removed.status_code == 302
    assert "Renamed is removed" in text_of(client.get("/admin/lti"))
    with app.app_context():
        assert db.session.scalar(select(LtiPlatform)) is None
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["LTI platform registered", "LTI platform changed",
                           "LTI platform removed"]
    refused = app.test_client().post("/lti/login", data={
        "iss": platform.issuer, "login_hint": "x", "client_id": "tool-client-1"})
    assert refused.status_code == 400
