"""After an account is deleted its certificates stay verifiable, but say nothing of the holder."""
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lms.auth.models import Role
from lms.authoring.models import CourseDraft, Revision
from lms.certificates import changes, services
from lms.certificates.models import Certificate
from lms.certificates.rendering import render_and_store
from lms.extensions import db
from lms.models_base import utcnow
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


@pytest.fixture
def rendered(app, client, auth, course, learner):
    """The learner finished the course and the certificate PDF was rendered (no worker needed:
    the task's own function runs here)."""
    auth.login()
    finish_course(app, client)
    certificate = certificates(app)[0]
    with app.app_context():
        assert render_and_store(certificate.id)
    return certificates(app)[0]


def test_export_includes_certificates(client, rendered):
    data = json.loads(client.get("/profile/data.json").data)
    assert [c["code"] for c in data["certificates"]] == [rendered.code]
    assert data["certificates"][0]["printed_name"] == "Lee Learner"
    assert data["certificates"][0]["sha256"] == rendered.sha256


def test_deleted_holder_leaves_a_valid_but_anonymous_certificate(app, client, rendered):
    pdf = Path(app.config["CERTIFICATE_DIR"]) / rendered.storage_key
    assert pdf.is_file()
    client.post("/profile/delete", data={"password": PASSWORD})

    page = text_of(client.get(f"/verify/{rendered.code}"))
    assert "Valid." in page and "Mini Course (edition 1)" in page
    assert "Not shown: the holder deleted their account." in page
    assert "Initials" not in page and "L. L." not in page
    assert "Check the holder's name" not in page
    typed = client.post(f"/verify/{rendered.code}", data={"name": "Lee Learner"})
    assert "name confirmed" not in text_of(typed) and "Lee Learner" not in text_of(typed)
    assert not pdf.exists()
    with app.app_context():
        row = db.session.scalar(select(Certificate))
        assert row.user_id is None and row.printed_name == "" and row.storage_key is None
        assert row.sha256 == rendered.sha256  # a copy the holder kept can still be checked


def test_deleting_the_account_deletes_every_render_of_its_certificates(app, client, rendered):
    """A render a killed worker stored but never recorded prints the name too."""
    folder = Path(app.config["CERTIFICATE_DIR"], rendered.code)
    left = folder / "0000000000000000.pdf"
    left.write_bytes(b"%PDF-1.7 stored by a worker killed before it recorded it\n%%EOF")
    assert len(list(folder.iterdir())) == 2
    client.post("/profile/delete", data={"password": PASSWORD})
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_forgotten_holders_certificate_cannot_be_reissued_with_a_name(app, client, rendered):
    client.post("/profile/delete", data={"password": PASSWORD})
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        with pytest.raises(changes.NotAllowed):
            changes.reissue(None, rendered.id, "Somebody Else")


def test_a_render_finishing_after_deletion_keeps_no_file(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    certificate = certificates(app)[0]
    client.post("/profile/delete", data={"password": PASSWORD})
    with app.app_context():
        assert render_and_store(certificate.id) is False
        assert db.session.get(Certificate, certificate.id).storage_key is None
    assert list(Path(app.config["CERTIFICATE_DIR"]).glob("*.pdf")) == []


def test_the_sweep_leaves_a_deleted_holders_certificate_alone(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    client.post("/profile/delete", data={"password": PASSWORD})
    with app.app_context():
        db.session.execute(update(Certificate).values(queued_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
        assert services.requeue_stuck() == []


def test_a_deleted_trainer_is_no_longer_named_in_the_history(app, client, auth, course):
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    auth.login("tess@example.org")
    client.post("/manage/mini/lessons/later/edit", data={
        "title": "Later", "minutes": 5, "reviewed": "2026-11-02",
        "body_md": "New.", "revision": "0", "action": "save"})
    client.post("/profile/delete", data={"password": PASSWORD})
    with app.app_context():
        authors = db.session.scalars(select(Revision.author_id)).all()
        assert len(authors) == 2 and set(authors) == {None}  # published text, then hers
        assert db.session.scalar(select(CourseDraft.created_by)) is None
