"""D9: the database unreachable. Pages that are the same for every visitor, already in this web
process's memory, keep being served as last published; every other page answers 503 with
Retry-After and says the course is back shortly; nothing answers 500; and once the database
answers again, everything works again. On SQLite and on PostgreSQL (through a proxy the test
cuts: tests/faults/database.py)."""
import pytest

from tests.conftest import PASSWORD, _database_url
from tests.faults.database import DatabaseSwitch
from tests.helpers import text_of

# The visitor pages the test reads before the cut (so this process holds them).
WARMED = ["/", "/courses/mini/", "/courses/mini/introduction", "/courses/mini/modules/basics",
          "/courses/mini/lessons/first-lesson", "/courses/mini/modules/basics/quiz",
          "/courses/mini/glossary"]
# Visitor pages not read before the cut: nothing in memory to serve.
NOT_WARMED = ["/courses/mini/resources", "/courses/mini/lessons/second-lesson"]
# Pages and forms that need the database whoever asks.
NEEDS_DATABASE = [("POST", "/login"),
                  ("POST", "/courses/mini/lessons/first-lesson/complete")]
SIGNED_IN = ["/", "/my-learning", "/courses/mini/lessons/first-lesson", "/my-certificates",
             "/profile"]


@pytest.fixture
def switch(tmp_path):
    return DatabaseSwitch(_database_url(tmp_path))


@pytest.fixture
def app_config(app_config, switch):
    return {**app_config, "SQLALCHEMY_DATABASE_URI": switch.url}  # through the proxy on PostgreSQL


def assert_back_shortly(response, what):
    assert response.status_code == 503, (what, response.status_code)
    # 30 s; on rate-limited forms the limiter restates it as whole seconds from now (29 or more).
    assert int(response.headers["Retry-After"]) >= 29, what
    assert "back shortly" in text_of(response), what


def test_visitors_keep_reading_cached_pages_and_the_rest_answers_503(
        app, client, course, learner, switch):
    visitor = client
    bodies = {}
    for url in WARMED:
        response = visitor.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.get_data()
    signed_in = app.test_client()
    signed_in.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert signed_in.get("/my-learning").status_code == 200

    switch.cut(app)
    try:
        for url in WARMED:
            response = visitor.get(url)
            assert response.status_code == 200, url
            assert response.get_data() == bodies[url], url  # the last published version
        for url in NOT_WARMED:
            assert_back_shortly(visitor.get(url), url)
        for method, url in NEEDS_DATABASE:
            assert_back_shortly(visitor.open(url, method=method, data={
                "email": "someone@example.org", "password": PASSWORD}), url)
        for url in SIGNED_IN:
            assert_back_shortly(signed_in.get(url), ("signed in", url))
        assert_back_shortly(signed_in.post("/courses/mini/lessons/first-lesson/complete"),
                            "signed-in completion")
    finally:
        switch.restore(app)

    for url in WARMED + NOT_WARMED:
        assert visitor.get(url).status_code == 200, url
    for url in SIGNED_IN:
        assert signed_in.get(url).status_code == 200, ("signed in", url)
    assert signed_in.post("/courses/mini/lessons/first-lesson/complete").status_code == 302
