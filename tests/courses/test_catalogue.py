"""Two courses whose lessons share slugs: progress, completion, certificates, guest progress,
staff and reports never mix, and each course lives at its own URLs."""
import csv
import io

import pytest
from sqlalchemy import func, select

from lms.auth.models import Role
from lms.catalogue.handouts import write_handout_pdfs
from lms.certificates.models import Certificate
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.content.mapping import published_course
from lms.courses.models import Course, Lesson, Visibility
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion
from lms.progress.services import mark_lesson_complete
from lms.storage import file_storage
from lms.storage.keys import handout_key
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of

LESSONS = ["first-lesson", "second-lesson", "act-now", "later"]
QUIZZES = ["basics", "next-steps"]


@pytest.fixture
def twin(app, course):
    """A second course with the same lesson, module and handout slugs as the mini course."""
    with app.app_context():
        data = load_course(MINI_COURSE)
        data.slug, data.title = "twin", "Twin Course"
        data.urgent_lesson = ""
        twin, _ = import_course(data)
        db.session.commit()
        return twin.id


def finish(client, app, course: str, leave: str | None = None) -> None:
    for slug in LESSONS:
        if slug != leave:
            client.post(f"/courses/{course}/lessons/{slug}/complete")
    for slug in QUIZZES:
        client.post(f"/courses/{course}/modules/{slug}/quiz", data=quiz_answers(app, slug))


def lesson_of(app, course_id: int, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Lesson.id).where(Lesson.course_id == course_id,
                                                          Lesson.slug == slug))


def test_the_home_page_lists_every_listed_course_with_its_hours(client, twin):
    page = text_of(client.get("/"))
    assert "Mini Course" in page and "Twin Course" in page
    assert "of study" in page
    # The mini course marks an urgent lesson: its crisis link is at the top of the home page.
    html = client.get("/").get_data(as_text=True)
    assert html.index("/courses/mini/lessons/act-now") < html.index("Mini Course")


def test_each_course_has_its_own_pages(client, twin):
    assert "Mini Course" in text_of(client.get("/courses/mini/"))
    assert "Twin Course" in text_of(client.get("/courses/twin/"))
    assert client.get("/courses/twin/lessons/first-lesson").status_code == 200
    assert client.get("/courses/nowhere/lessons/first-lesson").status_code == 404


def test_finishing_one_course_never_completes_the_other(app, client, auth, learner, course,
                                                        twin):
    auth.login()
    finish(client, app, "twin")
    client.post("/courses/mini/lessons/first-lesson/complete")
    expected = {lesson_of(app, twin, slug) for slug in LESSONS} | {
        lesson_of(app, course, "first-lesson")}
    with app.app_context():
        issued = db.session.scalars(select(Certificate)).all()
        assert [c.course_id for c in issued] == [twin]
        assert set(db.session.scalars(select(LessonCompletion.lesson_id))) == expected
        enrolments = {e.course_id: e.completed_at for e in db.session.scalars(select(Enrolment))}
        assert enrolments[twin] is not None and enrolments[course] is None
    page = text_of(client.get("/my-learning"))
    assert "Twin Course" in page and "Mini Course" in page
    assert "You have completed the course" in page  # the twin
    assert "Still to do for your certificate" in page  # the mini course


def test_a_lesson_done_in_one_course_is_not_done_in_the_other(app, client, auth, learner,
                                                              course, twin):
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    mini = text_of(client.get("/courses/mini/lessons/first-lesson"))
    other = text_of(client.get("/courses/twin/lessons/first-lesson"))
    assert "This lesson is marked as complete." in mini
    assert "This lesson is marked as complete." not in other


def test_a_guest_keeps_each_course_apart_and_joins_both(app, client, course, twin):
    client.post("/courses/twin/lessons/first-lesson/complete")
    client.post("/courses/mini/lessons/second-lesson/complete")
    page = text_of(client.get("/my-learning"))
    assert "Twin Course" in page and "Mini Course" in page
    with app.app_context():
        make_user("joiner@example.org", "Jo Iner", PASSWORD)
    client.post("/login", data={"email": "joiner@example.org", "password": PASSWORD})
    client.post("/my-learning/this-device", data={"choice": "add"})  # N8: the holder's choice
    expected = {lesson_of(app, twin, "first-lesson"), lesson_of(app, course, "second-lesson")}
    with app.app_context():
        assert set(db.session.scalars(select(LessonCompletion.lesson_id))) == expected
        assert db.session.scalar(select(func.count(Enrolment.id))) == 2


def test_a_trainer_of_one_course_cannot_open_another(app, client, course, twin):
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER, staff_of=[twin])
    client.post("/login", data={"email": "tess@example.org", "password": PASSWORD})
    assert client.get("/manage/twin/").status_code == 200
    assert client.get("/manage/twin/reports/").status_code == 200
    for url in ("/manage/mini/", "/manage/mini/reports/", "/manage/mini/reports/funnel.csv",
                "/manage/mini/course", "/manage/mini/preview/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/manage/mini/publish").status_code == 403
    index = text_of(client.get("/manage/"))
    assert "Twin Course" in index and "Mini Course" not in index


def test_old_single_course_addresses_answer_301_into_the_course(client, course, twin):
    for old, new in [("/lessons/act-now", "/courses/mini/lessons/act-now"),
                     ("/modules/basics", "/courses/mini/modules/basics"),
                     ("/modules/basics/quiz", "/courses/mini/modules/basics/quiz"),
                     ("/resources/checklist", "/courses/mini/resources/checklist"),
                     ("/glossary", "/courses/mini/glossary"),
                     ("/introduction", "/courses/mini/introduction")]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response.headers["Location"] == new
    assert client.get("/lessons/no-such-lesson").status_code == 404


def test_a_form_sent_from_a_page_of_before_the_move_is_sent_on_with_its_answers(
        app, client, course, twin):
    """A tab or a kept page from before the catalogue still posts to the old addresses: 308
    keeps the method and the body, so the step reaches the course (and is not lost to a 405)."""
    response = client.post("/lessons/act-now/complete")
    assert response.status_code == 308
    assert response.headers["Location"] == "/courses/mini/lessons/act-now/complete"
    response = client.post("/modules/basics/quiz", data={"q1": "a"})
    assert response.status_code == 308
    assert response.headers["Location"] == "/courses/mini/modules/basics/quiz"
    assert client.get("/lessons/act-now/complete").headers["Location"] == (
        "/courses/mini/lessons/act-now/complete")
    assert client.post("/lessons/no-such-lesson/complete").status_code == 404

    page = text_of(client.post("/lessons/act-now/complete", follow_redirects=True))
    assert "“Act now” is marked as complete on this device." in page
    my_learning = text_of(client.get("/my-learning"))
    assert "Mini Course" in my_learning and "Twin Course" not in my_learning


def test_a_lesson_only_another_course_has_redirects_there(app, client, course, twin):
    with app.app_context():
        db.session.get(Course, course).visibility = Visibility.DRAFT
        db.session.commit()
    assert client.get("/lessons/act-now").headers["Location"] == "/courses/twin/lessons/act-now"


def test_draft_courses_are_hidden_and_archived_ones_take_no_newcomers(app, client, auth,
                                                                      learner, course, twin):
    with app.app_context():
        db.session.get(Course, twin).visibility = Visibility.DRAFT
        db.session.get(Course, course).visibility = Visibility.ARCHIVED
        db.session.commit()
    assert "Twin Course" not in text_of(client.get("/"))
    assert client.get("/courses/twin/").status_code == 404
    assert "Mini Course" not in text_of(client.get("/"))  # archived: not listed
    assert client.get("/courses/mini/lessons/first-lesson").status_code == 200  # still readable
    auth.login()
    refused = client.post("/courses/mini/lessons/first-lesson/complete")
    assert refused.status_code == 403
    assert "takes no new learners" in text_of(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count(LessonCompletion.id))) == 0


def test_handout_pdfs_are_stored_per_course(app, course, twin):
    with app.app_context():
        for course_id in (course, twin):
            write_handout_pdfs(published_course(db.session.get(Course, course_id)))
        mini, other = handout_key("mini", "checklist"), handout_key("twin", "checklist")
        assert mini != other
        assert file_storage().exists(mini) and file_storage().exists(other)


def test_a_guest_resumes_each_course_where_they_left_it(client, course, twin):
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.get("/courses/mini/lessons/act-now")  # the place in the mini course
    client.post("/courses/twin/lessons/first-lesson/complete")
    client.get("/courses/twin/lessons/second-lesson")  # the place in the twin
    assert "Continue where you left off: Act now" in text_of(client.get("/courses/mini/"))
    assert "Continue where you left off: Second lesson" in text_of(client.get("/courses/twin/"))


def test_reports_count_each_course_apart(app, client, course, twin):
    lesson = lesson_of(app, twin, "first-lesson")
    with app.app_context():
        for n in range(10):
            user = make_user(f"reader{n}@example.org", f"Reader {n}", PASSWORD)
            mark_lesson_complete(user.id, twin, lesson)
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})

    def first_step(course_slug: str) -> list[str]:
        body = client.get(f"/manage/{course_slug}/reports/funnel.csv").get_data().decode()
        return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[1]

    assert first_step("twin")[1:3] == ["First lesson", "10"]
    assert first_step("mini")[1:3] == ["First lesson", "0"]


def test_a_lesson_s_glossary_link_stays_in_its_own_course(client, course, twin):
    for course_slug in ("mini", "twin"):
        for lang in ("en", "es"):
            html = client.get(f"/courses/{course_slug}/lessons/first-lesson?lang={lang}")
            assert f'href="/courses/{course_slug}/glossary#seclusion"' in html.get_data(
                as_text=True), (course_slug, lang)


def test_my_learning_lists_the_courses_started_in_catalogue_order_and_no_draft(
        app, client, auth, learner, course, twin):
    auth.login()
    for slug in ("twin", "mini"):
        client.post(f"/courses/{slug}/lessons/first-lesson/complete")

    def order() -> list[str]:
        page = text_of(client.get("/my-learning"))
        return sorted((title for title in ("Mini Course", "Twin Course") if title in page),
                      key=page.index)

    with app.app_context():
        db.session.get(Course, course).position, db.session.get(Course, twin).position = 2, 1
        db.session.commit()
    assert order() == ["Twin Course", "Mini Course"]
    with app.app_context():
        db.session.get(Course, course).position, db.session.get(Course, twin).position = 1, 2
        db.session.commit()
    assert order() == ["Mini Course", "Twin Course"]
    with app.app_context():
        db.session.get(Course, twin).visibility = Visibility.DRAFT
        db.session.commit()
    assert order() == ["Mini Course"]
