"""Certificate fixtures: a real Celery worker on the in-memory broker, and also on Redis when
TEST_REDIS_URL is set (.ci/run sets it): the Redis run adds to the memory run, never replaces it."""
import uuid

import pytest

from tests.helpers import running_worker


@pytest.fixture
def broker_url():
    """The in-memory broker; worker tests parametrise this with every broker in BROKERS."""
    return "memory://"


@pytest.fixture
def app_config(app_config, broker_url):
    celery = dict(app_config["CELERY"], broker_url=broker_url,
                  # A queue of its own: stale messages from other tests (or other people's runs
                  # on a shared Redis) never reach this worker.
                  task_default_queue=f"certificates-test-{uuid.uuid4().hex[:12]}",
                  broker_connection_retry_on_startup=True)
    return dict(app_config, CELERY=celery)


@pytest.fixture
def celery_worker(app):
    with running_worker(app) as celery:
        yield celery
