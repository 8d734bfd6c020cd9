"""An archived course takes no new learners: its pages say so before anyone tries, and offer no
step that would be refused. Learners already enrolled go on as before."""
import re

import pytest
from sqlalchemy import func, select

from lms.auth.models import User
from lms.course_admin.services import set_visibility
from lms.courses.models import Course, Lesson, Visibility
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion
from lms.progress.services import mark_lesson_complete
from tests.conftest import PASSWORD
from tests.courses.test_catalogue import twin  # noqa: F401 - the fixture
from tests.factories import make_user
from tests.helpers import text_of
from tests.test_query_counts import count_queries

HOME = "/courses/mini/"
MODULE = "/courses/mini/modules/basics"
LESSON = "/courses/mini/lessons/first-lesson"
QUIZ = "/courses/mini/modules/basics/quiz"
ARCHIVED = "This course is archived: it takes no new learners. You can still read every lesson."


def _archive(app, course) -> None:
    """As an admin does it, on the course's settings page: the course row changes, its
    published version does not."""
    with app.app_context():
        row = db.session.get(Course, course)
        version = row.content_version
        assert set_visibility(row, None, Visibility.ARCHIVED)
        assert db.session.get(Course, course).content_version == version


@pytest.fixture
def read_before(client, course):
    """Each page read (so kept) while the course was listed."""
    for url in (HOME, LESSON, QUIZ):
        page = text_of(client.get(url))
        assert ARCHIVED not in page
    assert "Mark as complete" in text_of(client.get(LESSON))


def test_a_visitor_is_told_before_trying_and_offered_no_step(app, client, course, read_before):
    _archive(app, course)
    home = text_of(client.get(HOME))
    assert ARCHIVED in home and "Create a free account" not in home
    assert ARCHIVED in text_of(client.get(MODULE))
    lesson = client.get(LESSON)
    assert lesson.status_code == 200  # still readable
    assert ARCHIVED in text_of(lesson) and "Mark as complete" not in text_of(lesson)
    quiz = text_of(client.get(QUIZ))
    assert ARCHIVED in quiz and "Answer the quiz" not in quiz
    answering = client.get(f"{QUIZ}/answer")
    assert ARCHIVED in text_of(answering) and b"Submit my answers" not in answering.data
    confirm = client.get(f"{LESSON}/complete")
    assert confirm.status_code == 302 and confirm.headers["Location"].endswith("#lesson-status")


def _signed_in(app, email: str):
    with app.app_context():
        make_user(email, "Ana Alvarez", PASSWORD)
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def test_a_signed_in_newcomer_is_told_and_reading_does_not_enrol_them(app, client, auth, course,
                                                                      learner):
    auth.login()
    assert "Mark as complete" in text_of(client.get(LESSON))  # reading enrols; the page is kept
    _archive(app, course)
    assert "Mark as complete" in text_of(client.get(LESSON))  # enrolled: goes on

    ana = _signed_in(app, "ana@example.org")
    lesson = text_of(ana.get(LESSON))  # the same state as Lee's kept page, but a newcomer
    assert ARCHIVED in lesson and "Mark as complete" not in lesson
    home = text_of(ana.get(HOME))  # no progress box: there is no place to continue from
    assert ARCHIVED in home
    assert "Your progress" not in home and "Continue where you left off" not in home
    module = text_of(ana.get(MODULE))  # nor a module bar at 0 of N
    assert ARCHIVED in module and not re.search(r"\d+ of \d+ done", module)
    quiz = ana.get(QUIZ)
    assert ARCHIVED in text_of(quiz) and b"Submit my answers" not in quiz.data
    refused = ana.post(f"{LESSON}/complete")
    assert refused.status_code == 403
    with app.app_context():
        ana_id = db.session.scalar(select(User.id).where(User.email == "ana@example.org"))
        assert db.session.scalar(select(func.count(Enrolment.id)).where(
            Enrolment.user_id == ana_id)) == 0
        assert db.session.scalar(select(func.count(LessonCompletion.id)).where(
            LessonCompletion.user_id == ana_id)) == 0


def test_an_enrolled_learner_goes_on_as_before(app, client, auth, course, learner):
    with app.app_context():
        lesson_id = db.session.scalar(select(Lesson.id).where(
            Lesson.course_id == course, Lesson.slug == "first-lesson"))
        mark_lesson_complete(learner, course, lesson_id)
    auth.login()
    _archive(app, course)
    second = text_of(client.get("/courses/mini/lessons/second-lesson"))
    assert "Mark as complete" in second and ARCHIVED not in second
    home = text_of(client.get(HOME))
    assert ARCHIVED not in home and "Continue where you left off" in home
    module = text_of(client.get(MODULE))
    assert ARCHIVED not in module and "1 of 3 done" in module
    assert b"Submit my answers" in client.get(QUIZ).data


@pytest.mark.usefixtures("twin", "learner")
def test_a_course_with_the_same_slugs_stays_open(app, client, auth, course):
    """The twin has the mini course's lesson and quiz slugs: archiving one closes only it."""
    twin_lesson = LESSON.replace("/mini/", "/twin/")
    for url in (LESSON, twin_lesson):
        assert "Mark as complete" in text_of(client.get(url))  # kept while both are listed
    _archive(app, course)
    assert ARCHIVED in text_of(client.get(LESSON))
    for url in (twin_lesson, QUIZ.replace("/mini/", "/twin/")):
        assert ARCHIVED not in text_of(client.get(url))
    auth.login()
    lesson = text_of(client.get(twin_lesson))
    assert "Mark as complete" in lesson and ARCHIVED not in lesson
    assert client.post(f"{twin_lesson}/complete").status_code == 302


def test_an_enrolled_learners_pages_ask_nothing_more_when_archived(app, client, auth, course,
                                                                   learner):
    """Whether the learner is enrolled is in the state their session's statement reads along:
    an archived course's pages ask no query of their own for it."""
    auth.login()
    client.get(LESSON)  # enrols
    _archive(app, course)
    for url in (HOME, MODULE, LESSON, QUIZ):
        client.get(url)
        with count_queries(app) as counts:
            page = client.get(url)
        assert page.status_code == 200 and ARCHIVED not in text_of(page)
        assert not [q for q in counts if "login_session" not in q and "enrolment" in q], url
