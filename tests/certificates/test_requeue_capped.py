"""A certificate the sweep gave up on (MAX_ATTEMPTS failed renders) can still be queued again:
by `flask certificates requeue` and by an admin's "Render again"."""
import pytest
from sqlalchemy import update

from lms.auth.models import Role
from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.services import MAX_ATTEMPTS
from lms.extensions import db
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import running_worker, text_of, wait_for


@pytest.fixture
def given_up(app, client, auth, course, learner):
    """A certificate whose renders failed MAX_ATTEMPTS times (say, a disk full for an hour)."""
    auth.login()
    finish_course(app, client)
    auth.logout()
    app.extensions["celery"].control.purge()
    with app.app_context():
        db.session.execute(update(Certificate).values(
            status=CertificateStatus.FAILED, attempts=MAX_ATTEMPTS,
            error="OSError: [Errno 28] No space left on device"))
        db.session.commit()
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    return certificates(app)[0]


def _rendered(app):
    with running_worker(app):
        return wait_for(lambda: certificates(app)[0].status is CertificateStatus.READY)


def test_the_requeue_command_queues_a_certificate_the_sweep_gave_up_on(app, runner, given_up):
    result = runner.invoke(args=["certificates", "requeue"])
    assert result.exit_code == 0 and "Queued 1 certificate render(s)." in result.output
    assert _rendered(app)


def test_an_admin_can_render_a_given_up_certificate_again(app, client, auth, given_up):
    auth.login("admin@example.org")
    page = text_of(client.get(f"/admin/certificates/{given_up.id}"))
    assert "No space left on device" in page and "Render again" in page
    response = client.post(f"/admin/certificates/{given_up.id}/render", follow_redirects=True)
    assert response.status_code == 200
    assert f"The render of {given_up.code} is queued again." in text_of(response)
    assert _rendered(app)
    response = client.post(f"/admin/certificates/{given_up.id}/render")
    assert response.status_code == 409  # ready now: nothing to render


def test_render_again_is_for_admins_only(client, auth, given_up):
    auth.login()
    assert client.post(f"/admin/certificates/{given_up.id}/render").status_code == 404
