"""Password hashes made at older argon2id settings move to the current ones at the next log-in."""
import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from lms.auth.models import User
from lms.config import settings_from_env
from lms.extensions import db
from tests.conftest import PASSWORD

# The settings every hash was made with before issue 22 (64 MiB, t=3, p=1).
OLD = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)
# OWASP's recommendation, the production default now.
OWASP = {"ARGON2_TIME_COST": 2, "ARGON2_MEMORY_COST": 19 * 1024, "ARGON2_PARALLELISM": 1}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **OWASP}


def test_an_old_hash_is_redone_at_the_next_log_in(app, client, auth, learner, course):
    with app.app_context():
        user = db.session.get(User, learner)
        user.password_hash = OLD.hash(PASSWORD)
        db.session.commit()
        assert "$m=65536,t=3,p=1$" in user.password_hash

    assert auth.login().headers["Location"] == "/my-learning"

    with app.app_context():
        stored = db.session.get(User, learner).password_hash
    assert stored.startswith("$argon2id$")
    assert "$m=19456,t=2,p=1$" in stored
    assert PasswordHasher().verify(stored, PASSWORD)
    with pytest.raises(VerificationError):
        PasswordHasher().verify(stored, "not the password")
    auth.logout()
    assert auth.login().headers["Location"] == "/my-learning"


def test_a_wrong_password_leaves_the_old_hash_alone(app, auth, learner, course):
    with app.app_context():
        user = db.session.get(User, learner)
        user.password_hash = old_hash = OLD.hash(PASSWORD)
        db.session.commit()

    assert auth.login(password="not the password").status_code == 400

    with app.app_context():
        assert db.session.get(User, learner).password_hash == old_hash


def test_the_default_settings_are_owasps(monkeypatch, tmp_path):
    for name in OWASP:
        monkeypatch.delenv(name, raising=False)
    settings = settings_from_env(tmp_path)
    assert {name: settings[name] for name in OWASP} == OWASP
