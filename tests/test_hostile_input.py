"""Random and malformed input to every form: never a 500, never a half-stored record."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lms.auth.models import User
from lms.courses.models import Quiz
from lms.extensions import db
from lms.progress.models import QuizAttempt
from tests.conftest import PASSWORD

FIELDS = ["email", "password", "name", "certificate_name", "confirm", "remember", "next",
          "complete", "q-colour", "q-numbers", "q-when", "csrf_token"]
values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.digits + "-", max_size=5),
    st.sampled_from(["", " ", "0", "1", "99", "-1", "null", "y", "//evil.example", "/lessons/x",
                     "\x00", "a" * 5000, "é" * 50, "<script>alert(1)</script>"]),
)
form_data = st.dictionaries(st.sampled_from(FIELDS), st.one_of(values, st.lists(values, max_size=4)),
                            max_size=8)
FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def post_anything(client, url, data):
    response = client.post(url, data=data)
    assert response.status_code < 500, (url, data, response.status_code)
    return response


def assert_no_half_records(app):
    with app.app_context():
        for user in db.session.scalars(select(User)):
            assert user.email and "@" in user.email and user.name.strip()
            assert user.password_hash.startswith("$argon2id$")
        keys_by_quiz = {quiz.id: {q.key for q in quiz.questions if not q.retired}
                        for quiz in db.session.scalars(select(Quiz))}
        for attempt in db.session.scalars(select(QuizAttempt)):
            assert set(attempt.answers) == keys_by_quiz[attempt.quiz_id]
            assert all(attempt.answers.values())
            assert 0 <= attempt.score <= 100


@FUZZ
@given(data=form_data)
def test_public_forms_survive_anything(app, client, course, data):
    for url in ["/signup", "/login", "/reset", "/reset/not-a-token"]:
        post_anything(client, url, data)
    assert_no_half_records(app)


@FUZZ
@given(data=form_data)
def test_learner_forms_survive_anything(app, client, course, learner, data):
    if client.get("/my-learning").status_code != 200:  # the client persists across examples
        client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert client.get("/my-learning").status_code == 200
    for url in ["/profile", "/modules/basics/quiz", "/modules/next-steps/quiz",
                "/lessons/first-lesson/complete", "/profile/delete"]:
        post_anything(client, url, {k: v for k, v in data.items() if k != "password"})
    assert_no_half_records(app)


def test_wrong_methods_and_unknown_ids_get_clear_4xx(client, course, learner):
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert client.delete("/profile").status_code == 405
    assert client.put("/login").status_code == 405
    assert client.post("/lessons/%00/complete").status_code == 404
    assert client.get("/modules/" + "x" * 5000).status_code == 404
    assert client.get("/signup/" + "x" * 500).status_code == 302
