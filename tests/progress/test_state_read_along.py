"""A signed-in page's progress is read with its session, in one statement (auth.sessions
read_along): it must be exactly what the learner's own query reads, on either database."""
import pytest
from flask_login import current_user

from lms.extensions import db
from lms.progress import services
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers
from tests.test_query_counts import count_queries

LESSON = "/courses/mini/lessons/first-lesson"


def signed_in_cookie(app, client, email: str) -> str:
    with app.app_context():
        make_user(email, "Read Along", PASSWORD)
    client.post("/login", data={"email": email, "password": PASSWORD})
    name = app.config["SESSION_COOKIE_NAME"]
    return f"{name}={client.get_cookie(name).value}"


def read_along_then_alone(app, cookie: str, path: str = LESSON, method: str = "GET"):
    """(what the page got with its session, what the same call then reads by itself, the
    statements the first cost)."""
    with app.test_request_context(path, method=method, headers={"Cookie": cookie}):
        user_id = current_user.id  # loads the session (and, on these pages, the state)
        with count_queries(app) as counts:
            along = services.enrolled_state(user_id)
        alone = services.enrolled_state(user_id)
        db.session.remove()
    return along, alone, counts


def test_a_learners_progress_read_with_the_session_is_what_their_own_query_reads(
        app, client, course):
    cookie = signed_in_cookie(app, client, "along@example.org")
    for slug in ["first-lesson", "act-now"]:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    for right in (False, True, False):  # the best of three attempts counts
        client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                           right=right))
    client.get("/courses/mini/lessons/second-lesson")  # the place moves

    along, alone, counts = read_along_then_alone(app, cookie)
    assert counts == []  # read with the session
    assert along == alone
    courses, completed, best, places = along
    assert len(courses) == 1 and len(completed) == 2
    assert list(best.values()) == [100]
    assert [place.completed for place in places.values()] == [False]


def test_a_new_account_reads_no_progress_with_its_session(app, client, course):
    cookie = signed_in_cookie(app, client, "new@example.org")
    along, alone, counts = read_along_then_alone(app, cookie)
    assert counts == []
    assert along == alone == ([], set(), {}, {})


@pytest.mark.parametrize("path, method", [
    (LESSON + "/complete", "POST"),  # a form decides from what it reads (and locks) itself
    ("/profile", "GET"),  # a page that shows no progress reads none
])
def test_other_requests_read_their_progress_themselves(app, client, course, path, method):
    cookie = signed_in_cookie(app, client, "other@example.org")
    client.post(LESSON + "/complete")
    along, alone, counts = read_along_then_alone(app, cookie, path, method)
    assert len(counts) == 1 and "FROM lesson_completion" in counts[0]
    assert along == alone and len(along[1]) == 1
