"""Faults of the worker and its disk, on the real worker and broker (subprocesses, as the
Procfile runs them): each case recovers by itself within RECOVERY seconds with every
certificate rendered exactly once, and no page slower than SLOWEST_REQUEST or answered 500."""
import os
import signal
import time
from pathlib import Path

from tests.certificates.helpers import certificates
from tests.conftest import PASSWORD
from tests.faults.conftest import complete_all
from tests.faults.stack import (
    RECOVERY,
    all_ready,
    assert_each_rendered_once,
    some_ready_some_not,
)
from tests.helpers import wait_for


def test_killing_the_worker_on_the_filesystem_broker(app, client, learners, stack):
    """The embedded default (`make run`): the worker used to wedge for good after a kill -9.
    Now it is one process (no pool lock to die holding), started again by lms.worker, and the
    render it held is queued again by the sweep."""
    worker = stack.start_worker()
    stack.start_beat()
    complete_all(client)
    wait_for(lambda: some_ready_some_not(app, learners), timeout=60, interval=0.01)
    killed = worker.leaves()[0]  # the process that renders (solo: the only one)
    os.kill(killed, signal.SIGKILL)
    killed_at = time.monotonic()
    wait_for(lambda: all_ready(app, learners), timeout=RECOVERY)
    assert time.monotonic() - killed_at < RECOVERY
    assert_each_rendered_once(app, learners, killed=True)
    assert "killed by signal 9; starting it again" in worker.output()


def test_an_unwritable_certificate_folder_then_writable_again(app, client, learners, stack):
    folder = Path(app.config["CERTIFICATE_DIR"])
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the certificate folder should be")  # root ignores chmod
    stack.start_worker()
    stack.start_beat()
    complete_all(client)

    def all_failed():
        """every render to have failed at least once"""
        rows = certificates(app)
        return len(rows) == len(learners) and all(c.attempts >= 1 for c in rows)

    wait_for(all_failed, timeout=60)
    [first] = [c for c in certificates(app) if c.user_id == learners[0]]
    client.post("/login", data={"email": "learner0@example.org", "password": PASSWORD})
    assert client.get(f"/certificates/{first.id}/pdf").status_code == 404  # nothing half-made
    client.post("/logout")
    folder.unlink()
    back_at = time.monotonic()
    wait_for(lambda: all_ready(app, learners), timeout=RECOVERY)
    assert time.monotonic() - back_at < RECOVERY
    assert_each_rendered_once(app, learners)
