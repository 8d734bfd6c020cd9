"""What a quiz page shows of the attempts at it (lms/progress/history.py): how many, the best
score, and what the latest asked, for an account and for a guest alike, whatever the order in
which the scores came."""
from datetime import timedelta

from sqlalchemy import select

from lms.courses.models import Quiz
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress import history
from lms.progress.models import Guest, GuestQuizAttempt, QuizAttempt
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of

QUIZ = "/courses/mini/modules/basics/quiz"


def _attempt(user_id: int, quiz_id: int, score: int, minutes_ago: int, drawn=None, answers=None):
    db.session.add(QuizAttempt(
        user_id=user_id, quiz_id=quiz_id, score=score, passed=score >= 80,
        answers=answers or {item["key"]: [0] for item in drawn},
        drawn=drawn, submitted_at=utcnow() - timedelta(minutes=minutes_ago)))


def test_the_count_the_best_score_and_what_the_latest_asked(app, course, learner):
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id))
        other = make_user("other@example.org", "Other Learner", "a long enough password").id
        assert history.of_learner(learner, quiz_id) == history.NONE
        _attempt(learner, quiz_id, 40, 30, drawn=[{"key": "q1", "order": [0, 1]}])
        _attempt(learner, quiz_id, 100, 20, drawn=[{"key": "q2", "order": [1, 0]}])
        # The latest, made before quizzes drew from a pool: what it answered is what it asked.
        _attempt(learner, quiz_id, 60, 10, answers={"q3": [1], "q4": [0]})
        _attempt(other, quiz_id, 20, 1, drawn=[{"key": "q9", "order": [0, 1]}])  # not theirs
        db.session.commit()
        assert history.of_learner(learner, quiz_id) == history.QuizHistory(
            count=3, best=100, latest_asked=frozenset({"q3", "q4"}))
        assert history.of_learner(other, quiz_id) == history.QuizHistory(1, 20, frozenset({"q9"}))


def test_a_guests_history_is_read_the_same_way(app, client, course):
    client.post(QUIZ, data=quiz_answers(app, "basics", right=True))
    client.post(QUIZ, data=quiz_answers(app, "basics", right=False))
    with app.app_context():
        guest_id = db.session.scalar(select(Guest.id))
        latest = db.session.scalars(select(GuestQuizAttempt).order_by(
            GuestQuizAttempt.id.desc())).first()
        found = history.of_guest(guest_id, latest.quiz_id)
    assert found == history.QuizHistory(2, 100, frozenset(latest.answers))
    assert latest.score < 100  # the best is not the latest
    page = text_of(client.get(QUIZ))
    assert "Your best score so far: 100% (passed). Attempts: 2." in page
