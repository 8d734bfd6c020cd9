"""Account fixtures: account emails are decided and written by a real Celery worker."""
import pytest
from celery.contrib.testing.worker import start_worker


@pytest.fixture
def worker(app):
    with start_worker(app.extensions["celery"], pool="solo", perform_ping_check=False,
                      shutdown_timeout=10):
        yield
