"""Production's broker: a prefork child killed, Redis stopped or frozen while learners complete
the course, then back. Completions answer at once; the worker and the sweep catch up by
themselves. On a Redis server of the test's own (tests/faults/stack.py), run when TEST_REDIS_URL
is set."""
import os
import signal
import time

import pytest

from tests.faults.conftest import complete_all
from tests.faults.stack import (
    RECOVERY,
    all_ready,
    assert_each_rendered_once,
    some_ready_some_not,
)
from tests.helpers import wait_for


@pytest.fixture
def broker_url(redis_server):
    return redis_server.url


def test_killing_a_pool_child(app, client, learners, stack, redis_server):
    """The prefork pool: a killed child's task is rejected and redelivered at once."""
    worker = stack.start_worker()
    stack.start_beat()
    complete_all(client)
    wait_for(lambda: some_ready_some_not(app, learners), timeout=60, interval=0.01)
    children = worker.leaves()  # the prefork pool's children
    assert len(children) == 2
    os.kill(children[0], signal.SIGKILL)
    killed_at = time.monotonic()
    wait_for(lambda: all_ready(app, learners), timeout=RECOVERY)
    assert time.monotonic() - killed_at < RECOVERY
    assert_each_rendered_once(app, learners, killed=True)


@pytest.fixture
def running(stack):
    stack.start_worker()
    stack.start_beat()
    return stack


def test_redis_down_during_the_completions_then_back(app, client, learners, running,
                                                     redis_server):
    redis_server.stop()
    complete_all(client)
    redis_server.start()  # empty: whatever it held is gone, as after a restart without AOF
    back_at = time.monotonic()
    wait_for(lambda: all_ready(app, learners), timeout=RECOVERY)
    assert time.monotonic() - back_at < RECOVERY
    assert_each_rendered_once(app, learners)


def test_redis_frozen_during_the_completions_then_thawed(app, client, learners, running,
                                                         redis_server):
    redis_server.freeze()  # SIGSTOP: connections are accepted by the kernel, never answered
    try:
        complete_all(client)
    finally:
        redis_server.thaw()
    thawed_at = time.monotonic()
    wait_for(lambda: all_ready(app, learners), timeout=RECOVERY)
    assert time.monotonic() - thawed_at < RECOVERY
    assert_each_rendered_once(app, learners)
