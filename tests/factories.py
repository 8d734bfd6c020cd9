"""Tiny helpers that make rows for tests (instead of a factory framework)."""
from lms.auth.models import Role, User
from lms.auth.passwords import hash_password
from lms.auth.services import create_user
from lms.extensions import db


def make_user(email: str, name: str, password: str, role: Role = Role.LEARNER) -> User:
    user = create_user(email, name, hash_password(password), role)
    db.session.commit()
    return user
