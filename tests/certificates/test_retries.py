"""Retries of a failed render: capped backoff over at least ten minutes (at the defaults), so a
database or disk outage of a few minutes is ridden out by retries alone."""
import time
from pathlib import Path

import pytest

from lms import celery_app
from lms.certificates.models import CertificateStatus
from lms.config import settings_from_env
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import wait_for


def test_the_default_retries_span_ten_minutes_with_delays_of_at_most_thirty_seconds(tmp_path):
    config = settings_from_env(tmp_path)
    delays = [celery_app.retry_delay(n, config) for n in range(celery_app.max_retries(config))]
    assert sum(delays) >= 600
    assert max(delays) <= 30 < config["CERTIFICATE_STUCK_SECONDS"]
    assert delays[0] <= 2 and delays == sorted(delays[:5]) + delays[5:]


@pytest.fixture
def app_config(app_config):
    # A two-second window, so the test sees a whole series of retries.
    return {**app_config, "RETRY_FIRST_SECONDS": 0.05, "RETRY_MAX_SECONDS": 0.2,
            "RETRY_WINDOW_SECONDS": 2.0}


def test_a_failing_render_is_retried_over_the_whole_window_then_left_failed(
        app, client, auth, course, learner, celery_worker):
    blocker = Path(app.config["CERTIFICATE_DIR"])
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the certificate folder should be")
    auth.login()
    finish_course(app, client)
    wait_for(lambda: certificates(app)[0].status is CertificateStatus.FAILED)
    first_failure = time.monotonic()
    # Shortest delays 0.04, 0.08, then 0.16 s: 14 retries add up to the 2 s window.
    expected = 1 + 14

    def all_attempts_made():
        """every retry to be made"""
        return certificates(app)[0].attempts >= expected

    wait_for(all_attempts_made, timeout=20, interval=0.02)
    assert time.monotonic() - first_failure >= 0.8 * app.config["RETRY_WINDOW_SECONDS"]
    time.sleep(0.5)  # more than the longest delay: no further retry comes
    [certificate] = certificates(app)
    assert certificate.attempts == expected
    assert certificate.status is CertificateStatus.FAILED and "Error" in certificate.error
