"""The database unreachable: the API answers 503 problems with Retry-After, never a 500 nor an
HTML page, and works again once the database is back."""
import pytest

from tests.api.helpers import PROBLEM, admin_client, bearer, is_problem, make_key
from tests.conftest import _database_url
from tests.faults.database import DatabaseSwitch


@pytest.fixture
def switch(tmp_path):
    return DatabaseSwitch(_database_url(tmp_path))


@pytest.fixture
def app_config(app_config, switch):
    return {**app_config, "SQLALCHEMY_DATABASE_URI": switch.url}


def test_the_api_says_503_while_the_database_is_down(app, course, switch):
    key = make_key(admin_client(app))
    api = app.test_client()
    assert api.get("/api/v1/courses").status_code == 200
    switch.cut(app)
    try:
        for path in ("/api/v1/courses/mini/completions", "/api/v1/certificates/1",
                     "/api/v1/courses/mini"):
            response = api.get(path, headers=bearer(key))
            assert response.mimetype == PROBLEM, path
            assert is_problem(response, 503), (path, response.status_code)
            assert int(response.headers["Retry-After"]) >= 1
    finally:
        switch.restore(app)
    assert api.get("/api/v1/courses/mini/completions", headers=bearer(key)).status_code == 200
