"""Marking lessons complete: recorded once, shown the same either way, resumable anywhere."""
import threading

import pytest
from sqlalchemy import func, select

from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion
from lms.progress.services import mark_lesson_complete
from tests.helpers import course_lesson, text_of


def completions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(LessonCompletion.id)))


def test_mark_complete_records_once_and_shows_the_same_page(app, client, auth, learner, course):
    auth.login()
    first = client.post("/courses/mini/lessons/first-lesson/complete", follow_redirects=True)
    assert "“First lesson” is marked as complete." in text_of(first)
    second = client.post("/courses/mini/lessons/first-lesson/complete", follow_redirects=True)
    assert "This lesson is marked as complete." in text_of(second)
    assert "Mark as complete" not in text_of(second)
    assert completions(app) == 1


def test_after_marking_complete_the_reader_lands_where_the_confirmation_shows(client, auth,
                                                                              learner, course):
    """The confirmation is a message at the top of the page: a jump to the progress box at the
    bottom would hide it. A repeated tap (nothing new to confirm) goes to the box."""
    auth.login()
    first = client.post("/courses/mini/lessons/first-lesson/complete")
    assert first.headers["Location"] == "/courses/mini/lessons/first-lesson"
    again = client.post("/courses/mini/lessons/first-lesson/complete")
    assert again.headers["Location"] == "/courses/mini/lessons/first-lesson#lesson-status"


def test_concurrent_marks_record_once(app, learner, course):
    errors = []

    def mark():
        try:
            with app.app_context():
                mark_lesson_complete(learner, *course_lesson(app, "later"))
        except Exception as error:  # surfaced below: the test must see any failure
            errors.append(error)

    threads = [threading.Thread(target=mark) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert completions(app) == 1


def test_visitor_is_sent_to_log_in_and_comes_back_with_it_recorded(app, client, learner, course):
    response = client.get(
        "/login?next=/courses/mini/lessons/second-lesson&complete=mini/second-lesson")
    assert response.status_code == 200
    response = client.post("/login", data={
        "email": "learner@example.org", "password": "correct horse battery",
        "next": "/courses/mini/lessons/second-lesson", "complete": "mini/second-lesson"},
        follow_redirects=True)
    assert response.request.path == "/courses/mini/lessons/second-lesson"
    assert "This lesson is marked as complete." in text_of(response)
    assert completions(app) == 1


def test_completing_needs_a_real_lesson(client, auth, learner, course):
    assert client.post("/courses/mini/lessons/nope/complete").status_code == 404  # as a visitor
    assert client.get("/courses/mini/lessons/nope/complete").status_code == 404
    auth.login()
    assert client.post("/courses/mini/lessons/nope/complete").status_code == 404
    assert client.get("/courses/mini/lessons/first-lesson/complete").headers["Location"] == (
        # signed in: the button is on the lesson
        "/courses/mini/lessons/first-lesson#lesson-status")


def test_resume_where_you_left_off_on_another_device(app, client, auth, learner, course):
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.get("/courses/mini/lessons/act-now")  # opened, not finished
    auth.logout()

    phone = app.test_client()
    phone.post("/login", data={"email": "learner@example.org", "password": "correct horse battery"})
    page = text_of(phone.get("/my-learning"))
    assert "Continue where you left off: Act now" in page
    assert "Continue where you left off: Act now" in text_of(phone.get("/courses/mini/"))


def test_continue_moves_on_after_finishing_the_lesson_opened_last(client, auth, learner, course):
    auth.login()
    client.get("/courses/mini/lessons/first-lesson")
    client.post("/courses/mini/lessons/first-lesson/complete")
    assert "Continue where you left off: Second lesson" in text_of(client.get("/my-learning"))


def test_a_completion_is_never_saved_without_the_completion_rule(app, learner, course,
                                                                 monkeypatch):
    """The completion and the course-completion decision share one transaction: if deciding
    fails, nothing of the click is kept (on SQLite too, where savepoints used to commit)."""
    def deciding_fails(*_arguments):
        raise RuntimeError("the completion rule failed")

    monkeypatch.setattr("lms.progress.services.complete_course_if_done", deciding_fails)
    with app.app_context():
        with pytest.raises(RuntimeError):
            mark_lesson_complete(learner, *course_lesson(app, "later"))
        db.session.rollback()
        assert db.session.scalar(select(func.count(Enrolment.id))) == 0
    assert completions(app) == 0
