"""Account fixtures: account emails are decided and written by a real Celery worker."""
import pytest

from tests.helpers import running_worker


@pytest.fixture
def worker(app):
    with running_worker(app):
        yield
