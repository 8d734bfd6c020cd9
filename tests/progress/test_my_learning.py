"""My learning: progress bars with text, the checklist of what is missing, completion."""
from sqlalchemy import select

from lms.extensions import db
from lms.progress.models import Enrolment
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of

ALL_LESSONS = ["first-lesson", "second-lesson", "act-now", "later"]


def test_new_learner_sees_everything_missing(client, auth, learner, course):
    auth.login()
    page = text_of(client.get("/my-learning"))
    assert "0 of 6 done" in page
    assert "Read and mark complete: First lesson" in page
    assert "Pass the quiz (80% or more): Quiz: Next steps" in page
    assert "Continue where you left off: First lesson" in page


def test_checklist_shrinks_and_the_course_completes(app, client, auth, learner, course):
    auth.login()
    for slug in ALL_LESSONS:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    page = text_of(client.get("/my-learning"))
    assert "5 of 6 done" in page
    assert "Read and mark complete" not in page
    assert "Pass the quiz (80% or more): Quiz: Next steps" in page
    with app.app_context():
        assert db.session.scalar(select(Enrolment.completed_at)) is None

    client.post("/courses/mini/modules/next-steps/quiz", data=quiz_answers(app, "next-steps"))
    page = text_of(client.get("/my-learning"))
    assert "6 of 6 done" in page and "You have completed the course." in page
    with app.app_context():
        assert db.session.scalar(select(Enrolment.completed_at)) is not None


def test_module_bars_have_text(app, client, auth, learner, course):
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    html = client.get("/my-learning").get_data(as_text=True)
    assert '<progress value="1" max="3" aria-label="Basics progress">' in html
    page = text_of(client.get("/my-learning"))
    assert "Lessons: 1 of 2. Quiz: not taken yet." in page


def test_learners_see_only_their_own_progress(app, client, auth, learner, course):
    with app.app_context():
        make_user("other@example.org", "Olu Other", PASSWORD)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.post("/courses/mini/modules/basics/quiz", data={"q-colour": "1", "q-numbers": "1"})
    auth.logout()
    auth.login(email="other@example.org")
    assert "0 of 6 done" in text_of(client.get("/my-learning"))
    page = text_of(client.get("/courses/mini/modules/basics/quiz"))
    assert "Your best score so far" not in page


def test_my_learning_needs_login(client, course):
    assert client.get("/my-learning").headers["Location"] == "/login?next=%2Fmy-learning"


def test_each_learner_sees_their_own_numbers_in_their_own_language(app, course):
    """The checklist's steps and each module's line are rendered once per course version for
    everyone at the same numbers: each learner still sees their own, in their language."""
    clients = {}
    for email in ("ana@example.org", "ben@example.org"):
        with app.app_context():
            make_user(email, email.split("@")[0].title(), PASSWORD)
        clients[email] = client = app.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})
    ana, ben = clients.values()
    ana.post("/courses/mini/lessons/first-lesson/complete")
    ana.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics", right=False))
    for _ in range(2):
        mine, his = text_of(ana.get("/my-learning")), text_of(ben.get("/my-learning"))
        assert "Lessons: 1 of 2. Quiz: best score 0%, not passed yet." in mine
        assert "Read and mark complete: First lesson" not in mine
        assert "Lessons: 0 of 2. Quiz: not taken yet." in his
        assert "Read and mark complete: First lesson" in his
    ben.get("/my-learning?lang=es")
    his = text_of(ben.get("/my-learning"))
    assert "Lecciones: 0 de 2." in his and "Leer y marcar como completada:" in his
    assert "Lessons: 0 of 2." in text_of(ana.get("/my-learning"))


def _one_step_left(app, client):
    for slug in ALL_LESSONS:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))


def test_a_page_kept_for_a_state_shows_each_learner_their_own_name(app, client, auth, learner,
                                                                   course):
    """My learning is kept per state of the learner's courses (lms/learn/cache.py): two
    learners one step from the end share it, except the name their certificate will print."""
    with app.app_context():
        make_user("other@example.org", "Olu Other", PASSWORD)
    auth.login()
    _one_step_left(app, client)
    page = text_of(client.get("/my-learning"))
    assert "Your certificate will show: Lee Learner" in page and "5 of 6 done" in page
    auth.logout()
    auth.login(email="other@example.org")
    _one_step_left(app, client)
    page = text_of(client.get("/my-learning"))
    assert "Your certificate will show: Olu Other" in page
    assert "Lee Learner" not in page
    client.post("/profile", data={"name": "Olu Other", "certificate_name": "Olu B. Other"})
    assert "Your certificate will show: Olu B. Other" in text_of(client.get("/my-learning"))


def test_the_pages_kept_across_courses_are_bounded_and_the_last_used_stay():
    from lms.learn.cache import BoundedPages

    pages = BoundedPages(2)
    pages[("a",)] = "A"
    pages[("b",)] = "B"
    assert pages.get(("a",)) == "A"  # now the most recently used
    pages[("c",)] = "C"
    assert (pages.get(("a",)), pages.get(("b",)), pages.get(("c",))) == ("A", None, "C")
