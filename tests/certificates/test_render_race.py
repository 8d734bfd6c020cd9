"""Two runs of one render: the file stored is the one whose hash the row records, and no other
render of the certificate is left in the store (it prints the holder's name).

WeasyPrint's bytes for the same page differ between processes (their font subsets depend on
what each rendered before), which one test process cannot bring about on demand: the racing
run here stands for a second worker by adding a PDF comment to its bytes."""
import hashlib
from pathlib import Path

import pytest

from lms.certificates import rendering
from lms.certificates.models import CertificateStatus
from lms.certificates.rendering import render_and_store
from lms.storage import file_storage
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import latest_email

ANOTHER_PROCESS = b"% rendered by another worker process\n"


def _stored_renders(app, code: str) -> list[str]:
    with app.app_context():
        return sorted(item.key for item in file_storage().listing(f"certificates/{code}/"))


def _recorded_file(app, certificate) -> bytes:
    return Path(app.config["CERTIFICATE_DIR"], certificate.storage_key).read_bytes()


def test_a_run_that_loses_the_race_leaves_the_winners_file(app, client, auth, course, learner,
                                                           monkeypatch):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    real_render = rendering.render_certificate_pdf
    raced = []

    def render_while_another_run_finishes(facts, credential):
        if raced:  # the other run's own render
            return real_render(facts, credential)
        raced.append(True)
        # This run has read the row (pending) and is rendering: meanwhile another worker
        # renders, stores, records and announces the certificate.
        with app.app_context():
            assert render_and_store(certificate.id) is True
        return real_render(facts, credential) + ANOTHER_PROCESS

    monkeypatch.setattr(rendering, "render_certificate_pdf", render_while_another_run_finishes)
    with app.app_context():
        assert render_and_store(certificate.id) is False  # the row was already ready

    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.READY
    pdf = _recorded_file(app, certificate)
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256
    assert ANOTHER_PROCESS not in pdf
    assert _stored_renders(app, certificate.code) == [f"certificates/{certificate.storage_key}"]
    assert "Your certificate is ready" in latest_email(app)


def test_a_render_left_by_a_killed_run_is_deleted_by_the_run_that_completes(
        app, client, auth, course, learner, monkeypatch):
    auth.login()
    finish_course(app, client)
    [certificate] = certificates(app)
    real_render = rendering.render_certificate_pdf

    class Killed(BaseException):
        """The worker's process ends here: nothing after it runs."""

    def killed(*args):
        raise Killed

    # The first run signs the credential, renders (in a process of its own: other bytes) and
    # stores its PDF; its worker is killed before it records the PDF on the row.
    monkeypatch.setattr(rendering, "render_certificate_pdf",
                        lambda facts, credential: real_render(facts, credential) + ANOTHER_PROCESS)
    monkeypatch.setattr(rendering, "mark_ready", killed)
    with app.app_context(), pytest.raises(Killed):
        render_and_store(certificate.id)
    [left] = _stored_renders(app, certificate.code)
    monkeypatch.undo()

    with app.app_context():
        assert render_and_store(certificate.id) is True
    [certificate] = certificates(app)
    assert f"certificates/{certificate.storage_key}" != left
    assert _stored_renders(app, certificate.code) == [f"certificates/{certificate.storage_key}"]
    assert hashlib.sha256(_recorded_file(app, certificate)).hexdigest() == certificate.sha256
