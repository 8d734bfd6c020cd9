"""The audit log says when in the organisation's time zone (newcomer review: "Times are in
UTC"), with the zone named."""
from datetime import UTC, datetime

from lms.audit import record
from lms.auth.models import Role
from lms.extensions import db
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


def test_the_audit_log_shows_times_in_the_organisations_zone(app, client):
    with app.app_context():
        admin = make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        event = record(admin.id, "reactivated", subject_id=admin.id)
        event.at = datetime(2026, 12, 7, 4, 53, tzinfo=UTC)  # 11:53 PM, December 6, New York
        db.session.commit()
    client.post("/login", data={"email": "admin@example.org", "password": PASSWORD})
    log = text_of(client.get("/admin/audit"))
    assert "December 6, 2026, 11:53 PM EST" in log
    assert "times in America/New_York time" in log and "UTC" not in log
