"""Fixtures for authoring tests: a trainer account, logged in."""
import pytest

from lms.auth.models import Role
from tests.conftest import PASSWORD
from tests.factories import make_user


@pytest.fixture
def trainer(app):
    with app.app_context():
        return make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER).id


@pytest.fixture
def as_trainer(client, auth, course, trainer):
    """The test client, logged in as the trainer, with the mini course published."""
    auth.login("trainer@example.org")
    return client
