"""The cache in front of the app (lms/front_cache.py): a page every visitor shares is answered
before Flask, byte for byte and header for header as the app answered it, and never for anyone
the app would answer differently."""
import shutil
import time
from contextlib import contextmanager

import pytest
from flask import request_started

from tests.conftest import MINI_COURSE
from tests.helpers import text_of

LESSON = "/courses/mini/lessons/second-lesson"


@pytest.fixture
def app_config(app_config):
    # A kept page lives as long as its catalogue answer (a second by default): an hour here,
    # so that whether a page is answered in front does not depend on how long the request
    # before it took on a busy machine. The tests of its expiry set their own.
    return {**app_config, "PUBLISHED_CHECK_SECONDS": 3600}


@contextmanager
def requests_reaching_flask(app):
    """The paths of the requests Flask itself handled inside the block."""
    seen = []

    def note(_sender, **_):
        from flask import request  # noqa: PLC0415 - the request being started

        seen.append(request.path)

    request_started.connect(note, app)
    try:
        yield seen
    finally:
        request_started.disconnect(note, app)


def test_a_visitors_second_view_is_the_apps_first_without_reaching_flask(app, client, course):
    first = client.get(LESSON)
    with requests_reaching_flask(app) as seen:
        again = client.get(LESSON)
    assert seen == []
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert sorted(again.headers.items()) == sorted(first.headers.items())
    assert again.headers["Content-Security-Policy"] and again.headers["ETag"]


@pytest.mark.parametrize("asked", [
    {"query_string": "lang=es"},
    {"cookie": "session"},
    {"cookie": "guest"},
    {"headers": {"If-None-Match": '"anything"'}},
    {"method": "HEAD"},
])
def test_anyone_the_app_may_answer_differently_reaches_it(app, client, course, asked):
    client.get(LESSON)
    if "cookie" in asked:
        client.set_cookie(asked["cookie"], "whatever")
    with requests_reaching_flask(app) as seen:
        client.open(LESSON, method=asked.get("method", "GET"),
                    query_string=asked.get("query_string"), headers=asked.get("headers"))
    assert seen == [LESSON]


def test_each_language_is_kept_apart(app, client, course):
    english = client.get(LESSON).get_data()
    by_browser = client.get(LESSON, headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert by_browser.get_data() != english and 'lang="es"' in by_browser.get_data(as_text=True)
    client.set_cookie("lang", "es")
    by_cookie = client.get(LESSON)
    assert by_cookie.get_data() == by_browser.get_data()
    client.delete_cookie("lang")
    assert client.get(LESSON).get_data() == english


def test_a_publish_in_this_process_shows_at_the_next_view(app, client, course, runner,
                                                          tmp_path):
    client.get(LESSON)
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text(lesson.read_text().replace("title: Second lesson", "title: Renamed"))
    runner.invoke(args=["content", "import", str(folder)])
    assert "Renamed" in text_of(client.get(LESSON))


def test_a_kept_page_lives_no_longer_than_the_catalogue_answer_it_came_from(app, client,
                                                                           course):
    client.get(LESSON)  # the snapshot and the page made once (slow on a busy machine)
    app.config["PUBLISHED_CHECK_SECONDS"] = 1.5
    time.sleep(1.6)  # what the front cache kept is now too old
    with requests_reaching_flask(app) as seen:
        client.get(LESSON)  # the app, from its page cache: quick, and kept in front again
        client.get(LESSON)  # from the front cache, well within the 1.5 s
        time.sleep(1.6)
        client.get(LESSON)
    assert seen == [LESSON, LESSON]


def test_with_no_catalogue_memory_every_request_reaches_the_app(app, client, course):
    app.config["PUBLISHED_CHECK_SECONDS"] = 0
    client.get(LESSON)
    with requests_reaching_flask(app) as seen:
        client.get(LESSON)
    assert seen == [LESSON]


def test_a_missing_page_is_not_kept(app, client, course):
    client.get("/courses/mini/lessons/no-such-lesson")
    with requests_reaching_flask(app) as seen:
        assert client.get("/courses/mini/lessons/no-such-lesson").status_code == 404
    assert seen == ["/courses/mini/lessons/no-such-lesson"]
