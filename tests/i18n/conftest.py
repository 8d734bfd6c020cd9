"""The account emails of these tests are written by a real Celery worker, as in tests/auth."""
from tests.auth.conftest import worker  # noqa: F401 (a fixture)
