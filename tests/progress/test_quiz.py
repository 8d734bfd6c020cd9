"""Quizzes: graded at the pass mark, every attempt kept, each answer explained."""
from sqlalchemy import func, select

from lms.extensions import db
from lms.progress.models import QuizAttempt
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of


def test_passing_shows_score_and_explanations(app, client, auth, learner, course):
    auth.login()
    response = client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    assert response.status_code == 200
    page = text_of(response)
    assert "You scored 100%." in page and "You passed this quiz." in page
    assert "Why: It is blue because of how air scatters light." in page
    assert "Why: 2 and 4 divide by two." in page


def test_failing_explains_and_allows_a_retry(app, client, auth, learner, course):
    auth.login()
    response = client.post("/courses/mini/modules/basics/quiz", data={"q-colour": "0",
                                                                      "q-numbers": ["0"]})
    page = text_of(response)
    assert "You scored 50%." in page and "You need 80% to pass." in page
    assert "Not quite." in page and "Right." in page
    assert "Try again" in page
    again = client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    assert "You passed this quiz." in text_of(again)
    with app.app_context():
        assert db.session.scalar(select(func.count(QuizAttempt.id))) == 2
    assert "Your best score so far: 100% (passed). Attempts: 2." in text_of(
        client.get("/courses/mini/modules/basics/quiz"))


def test_multiple_answer_question_needs_every_right_choice(app, client, auth, learner, course):
    auth.login()
    page = text_of(client.post("/courses/mini/modules/basics/quiz", data={"q-colour": "0",
                                                                          "q-numbers": ["0"]}))
    assert "You scored 50%." in page
    html = client.get("/courses/mini/modules/basics/quiz").get_data(as_text=True)
    assert 'type="checkbox" id="q-numbers-0"' in html and "(choose all that apply)" in html
    assert 'type="radio" id="q-colour-0"' in html


def test_unanswered_or_forged_answers_are_refused_and_not_saved(app, client, auth, learner, course):
    auth.login()
    cases = [
        {"q-colour": "0"},                                  # a question left out
        {"q-colour": "7", "q-numbers": "0"},               # no such choice
        {"q-colour": "x", "q-numbers": "0"},               # not a number
        {"q-colour": ["0", "1"], "q-numbers": "0"},        # two answers to a one-answer question
    ]
    for data in cases:
        response = client.post("/courses/mini/modules/basics/quiz", data=data)
        assert response.status_code == 400, data
        assert "Please correct the following" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(QuizAttempt.id))) == 0


def test_form_keeps_the_answers_given_when_one_is_missing(app, client, auth, learner, course):
    auth.login()
    html = client.post("/courses/mini/modules/basics/quiz",
                       data={"q-colour": "1"}).get_data(as_text=True)
    assert 'id="q-colour-1"\n             name="q-colour" value="1" checked' in html
    assert "Please answer this question." in html


def test_visitor_is_offered_to_answer_on_this_device_and_gets_the_questions_there(client,
                                                                                  course):
    html = client.get("/courses/mini/modules/basics/quiz").get_data(as_text=True)
    # A shared page (cached for every visitor): no form to submit, and no questions either,
    # since each attempt draws its own when the learner starts answering.
    assert "What colour is the sky on a clear day?" not in html
    assert "This quiz asks 2 questions." in text_of(client.get(
        "/courses/mini/modules/basics/quiz"))
    assert 'href="/courses/mini/modules/basics/quiz/answer">Answer the quiz</a>' in html
    assert "csrf_token" not in html
    answering = client.get("/courses/mini/modules/basics/quiz/answer").get_data(as_text=True)
    assert "What colour is the sky on a clear day?" in answering
    response = client.post("/courses/mini/modules/basics/quiz", data={"q-colour": "0"})
    assert response.status_code == 400  # a visitor's answers are checked like anyone's
    assert "Please answer this question." in text_of(response)


def test_quiz_submissions_are_limited_per_learner(app, client, auth, learner, course):
    """A flood of attempts is refused with a clear 429 and keeps nothing (security review F12);
    another learner is not held back by it."""
    app.config["QUIZ_RATE_LIMIT"] = "3 per minute"
    auth.login()
    answers = quiz_answers(app, "basics")
    for _ in range(3):
        assert client.post("/courses/mini/modules/basics/quiz", data=answers).status_code == 200
    refused = client.post("/courses/mini/modules/basics/quiz", data=answers)
    assert refused.status_code == 429
    assert "Too many attempts" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count(QuizAttempt.id))) == 3
    with app.app_context():
        make_user("other@example.org", "Other Learner", PASSWORD)
    other = app.test_client()
    other.post("/login", data={"email": "other@example.org", "password": PASSWORD})
    answers = quiz_answers(app, "basics")
    assert other.post("/courses/mini/modules/basics/quiz", data=answers).status_code == 200
