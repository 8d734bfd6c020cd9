"""Every page issues a bounded number of SQL queries, whatever the size of the course or history."""
import shutil
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from lms.auth.models import Role
from lms.certificates.services import issue_certificate
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.courses.models import Course
from lms.extensions import db
from lms.models_base import utcnow
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import quiz_answers, text_of

PAGES = ["/", "/courses/mini/introduction", "/courses/mini/modules/basics",
         "/courses/mini/lessons/second-lesson", "/courses/mini/modules/basics/quiz",
         "/my-learning", "/my-learning/meeting", "/courses/mini/glossary",
         "/courses/mini/resources", "/courses/mini/resources/checklist",
         "/profile", "/offline", "/service-worker.js", "/manifest.webmanifest"]


@pytest.fixture
def app_config(app_config):
    # Which courses there are and their versions are read at most once a second a process
    # (lms/catalogue/listing.py): an hour here, so that no count depends on the clock. Each
    # count is that of a request made within the second after another.
    return {**app_config, "PUBLISHED_CHECK_SECONDS": 3600}


@contextmanager
def count_queries(app):
    counts = []
    with app.app_context():
        engine = db.engine

    def before(_connection, _cursor, statement, *_args):
        if not statement.startswith("BEGIN"):  # SQLite's explicit BEGIN is not a query
            counts.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", before)


def grow_course(app, tmp_path, extra_lessons: int):
    folder = tmp_path / f"course-{extra_lessons}"
    shutil.copytree(MINI_COURSE, folder)
    for n in range(extra_lessons):
        (folder / "01-basics" / f"{n + 10:02d}-extra-{n}.md").write_text(
            f"---\ntitle: Extra {n}\nreviewed: 2026-12-01\n---\nMore text.\n")
    with app.app_context():
        import_course(load_course(folder))
        db.session.commit()


def queries_per_page(app, client) -> dict[str, int]:
    result = {}
    for page in PAGES:
        with count_queries(app) as counts:
            assert client.get(page).status_code == 200, page
        result[page] = len(counts)
    return result


def active_learner(app, client, email):
    with app.app_context():
        make_user(email, "Busy Learner", PASSWORD)
    client.post("/login", data={"email": email, "password": PASSWORD})
    for slug in ["first-lesson", "second-lesson", "act-now"]:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    for _ in range(3):
        client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                           right=False))


def test_page_queries_do_not_grow_with_lessons_learners_or_attempts(app, client, tmp_path):
    grow_course(app, tmp_path, extra_lessons=0)
    active_learner(app, client, "first@example.org")
    small = queries_per_page(app, client)

    grow_course(app, tmp_path, extra_lessons=25)
    for n in range(5):
        active_learner(app, app.test_client(), f"other{n}@example.org")
    for _ in range(10):
        client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                           right=False))
    for n in range(25):
        client.post(f"/courses/mini/lessons/extra-{n}/complete")
    large = queries_per_page(app, client)

    assert large == small
    assert max(large.values()) <= 12, large


def test_spanish_pages_cost_what_english_pages_cost(app, client, tmp_path):
    """Each language has its own snapshot and page cache: reading in Spanish costs no more."""
    grow_course(app, tmp_path, extra_lessons=0)
    active_learner(app, client, "bilingual@example.org")
    queries_per_page(app, client)  # both snapshots are built once per process, not per page
    client.set_cookie("lang", "es")
    queries_per_page(app, client)
    spanish = queries_per_page(app, client)
    client.set_cookie("lang", "en")
    english = queries_per_page(app, client)
    assert spanish == english


def test_certificate_and_admin_pages_do_not_grow_with_certificates(app, client, course):
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    client.post("/login", data={"email": "admin@example.org", "password": PASSWORD})

    def issue_for(n_learners: int, start: int) -> str:
        with app.app_context():
            course_row = db.session.get(Course, course)
            for n in range(start, start + n_learners):
                learner = make_user(f"l{n}@example.org", f"Learner {n}", PASSWORD)
                code = issue_certificate(learner.id, course_row, utcnow()).code
            db.session.commit()
            return code

    def queries(code: str) -> dict[str, int]:
        result = {}
        for page in ["/admin/certificates", "/admin/certificates/1", f"/verify/{code}",
                     "/verify", "/my-certificates", "/manage/mini/", "/manage/mini/preview/"]:
            with count_queries(app) as counts:
                assert client.get(page).status_code == 200, page
            result[page.replace(code, "<code>")] = len(counts)
        return result

    small = queries(issue_for(2, 0))
    large = queries(issue_for(30, 2))
    assert large == small


def test_a_page_a_visitor_has_seen_costs_no_query(app, client, course):
    """The shared page comes from the snapshot's cache, and the version from memory."""
    for page in ["/", "/courses/mini/lessons/second-lesson", "/courses/mini/modules/basics/quiz",
                 "/courses/mini/glossary", "/offline", "/service-worker.js"]:
        client.get(page)
        with count_queries(app) as counts:
            assert client.get(page).status_code == 200, page
        assert counts == [], (page, counts)
    with count_queries(app) as counts:  # the organisation's, from settings: no course read
        assert client.get("/manifest.webmanifest").status_code == 200
    assert counts == []


def test_the_version_is_read_again_after_the_stated_time(app, client, course):
    app.config["PUBLISHED_CHECK_SECONDS"] = 0.2
    client.get("/courses/mini/lessons/second-lesson")
    time.sleep(0.25)
    with count_queries(app) as counts:
        assert client.get("/courses/mini/lessons/second-lesson").status_code == 200
    assert len(counts) == 1 and "content_version" in counts[0], counts


def test_a_signed_in_lesson_page_reads_a_fixed_handful_and_writes_only_a_new_place(
        app, client, course):
    active_learner(app, client, "reader@example.org")
    client.get("/courses/mini/lessons/first-lesson")
    with count_queries(app) as counts:
        assert client.get("/courses/mini/lessons/first-lesson").status_code == 200
    # the user and, in the same statement, the learner's state (completions, scores, place)
    assert len(counts) == 1 and "FROM lesson_completion" in counts[0], counts
    assert not [q for q in counts if q.split()[0] in ("INSERT", "UPDATE", "DELETE")], counts
    with count_queries(app) as counts:
        client.get("/courses/mini/lessons/second-lesson")  # a new place: remembered
    # in one statement (on PostgreSQL, on the page's own connection, committed as it runs)
    assert len(counts) == 2 and counts[1].startswith("UPDATE enrolment"), counts


GUEST_PAGES = ["/courses/mini/lessons/second-lesson", "/my-learning",
               "/courses/mini/modules/basics/quiz", "/"]


def guest_queries(app, client) -> dict[str, list[str]]:
    result = {}
    for page in GUEST_PAGES:
        client.get(page)  # the first visit may remember the place
        with count_queries(app) as counts:
            assert client.get(page).status_code == 200, page
        result[page] = counts
    return result


def busy_guest(app, client, lessons: list[str], attempts: int) -> None:
    for slug in lessons:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    for _ in range(attempts):
        client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                           right=False))


def test_guest_pages_read_a_fixed_handful_whatever_the_guest_did(app, client, tmp_path):
    grow_course(app, tmp_path, extra_lessons=0)
    busy_guest(app, client, ["first-lesson"], attempts=1)
    small = guest_queries(app, client)

    grow_course(app, tmp_path, extra_lessons=25)
    for _ in range(5):
        busy_guest(app, app.test_client(), ["first-lesson", "act-now"], attempts=2)
    busy_guest(app, client, [f"extra-{n}" for n in range(25)], attempts=10)
    large = guest_queries(app, client)

    assert {page: len(q) for page, q in large.items()} == {page: len(q) for page, q in
                                                            small.items()}
    # the guest (by its token's hash), the guest's state (+ its quiz attempts); My learning
    # lists every course a learner may read (open_refs: one query)
    assert {page: len(q) for page, q in large.items()} == {
        "/courses/mini/lessons/second-lesson": 2, "/my-learning": 3,
        "/courses/mini/modules/basics/quiz": 3, "/": 2}
    writes = [q for qs in large.values() for q in qs if q.split()[0] in ("INSERT", "UPDATE")]
    assert writes == []


def test_the_pages_that_offer_a_visitor_the_forms_read_nothing(app, client, course):
    client.get("/")  # the snapshot is built once per process
    for page in ["/courses/mini/lessons/first-lesson/complete",
                 "/courses/mini/modules/basics/quiz/answer"]:
        client.get(page)
        with count_queries(app) as counts:
            assert client.get(page).status_code == 200, page
        assert counts == [], (page, counts)


def test_the_meeting_plan_page_reads_a_fixed_handful(app, client, tmp_path):
    grow_course(app, tmp_path, extra_lessons=0)
    active_learner(app, client, "planner@example.org")
    meeting = {"meeting_on": (utcnow().date() + timedelta(days=5)).isoformat(), "kind": "iep",
               "remind": "y"}
    assert client.post("/my-learning/meeting", data=meeting).status_code == 302
    client.get("/my-learning/meeting")
    with count_queries(app) as counts:
        assert client.get("/my-learning/meeting").status_code == 200
    # the user, the meeting, the learner's state (completions, scores, place, and the versions
    # of the courses started, in the same round trip)
    assert len(counts) == 3, counts
    grow_course(app, tmp_path, extra_lessons=25)
    client.get("/my-learning/meeting")
    with count_queries(app) as counts:
        assert client.get("/my-learning/meeting").status_code == 200
    assert len(counts) == 3, counts


def test_my_learning_reads_a_fixed_handful(app, client, tmp_path):
    grow_course(app, tmp_path, extra_lessons=0)
    active_learner(app, client, "mine@example.org")
    add_courses(app, 3)
    client.post("/courses/copy-0/lessons/first-lesson/complete")
    client.get("/my-learning")
    with count_queries(app) as counts:
        assert client.get("/my-learning").status_code == 200
    # the user with, in the same statement, the learner's state, the courses they started and
    # their meeting plan (their certificates too, once a course is complete: the next test)
    assert len(counts) == 1 and "FROM meeting_plan" in counts[0], counts
    assert not [q for q in counts if q.split()[0] in ("INSERT", "UPDATE", "DELETE")], counts


def add_courses(app, count: int) -> None:
    """More listed courses, each a copy of the mini course under its own slug."""
    with app.app_context():
        for n in range(count):
            data = load_course(MINI_COURSE)
            data.slug, data.title = f"copy-{n}", f"Copy {n}"
            import_course(data)
        db.session.commit()


def test_page_queries_do_not_grow_with_the_number_of_courses(app, client, tmp_path):
    grow_course(app, tmp_path, extra_lessons=0)
    active_learner(app, client, "many@example.org")
    queries_per_page(app, client)  # snapshots are built once per process, not per page
    one = queries_per_page(app, client)

    add_courses(app, 49)
    for n in range(10):  # started ten of them: My learning and the meeting plan list each
        client.post(f"/courses/copy-{n}/lessons/first-lesson/complete")
    queries_per_page(app, client)
    fifty = queries_per_page(app, client)

    assert fifty == one
    text = client.get("/").get_data(as_text=True)
    assert "Copy 48" in text and "Mini Course" in text


def test_my_learning_reads_certificates_only_once_a_course_is_complete(app, client, course):
    active_learner(app, client, "midway@example.org")  # lessons done, quizzes failed
    client.get("/my-learning")
    with count_queries(app) as counts:
        assert client.get("/my-learning").status_code == 200
    # the user with the learner's state (and their courses) and meeting plan
    assert len(counts) == 1 and not [q for q in counts if "FROM certificate" in q], counts

    client.post("/courses/mini/lessons/second-lesson/complete")
    client.post("/courses/mini/lessons/later/complete")
    for module in ("basics", "next-steps"):
        client.post(f"/courses/mini/modules/{module}/quiz", data=quiz_answers(app, module))
    with count_queries(app) as counts:
        page = client.get("/my-learning").get_data(as_text=True)
    assert "See your certificate" in page
    assert len(counts) == 2 and [q for q in counts if "FROM certificate" in q], counts


def test_marking_a_lesson_complete_is_a_fixed_handful_of_statements(app, client, course):
    active_learner(app, client, "steady@example.org")  # enrolled, three lessons done
    with count_queries(app) as counts:
        assert client.post("/courses/mini/lessons/later/complete").status_code == 302
    # the user; the enrolment, locked; the published version; the place; the completion (once:
    # ON CONFLICT DO NOTHING, no savepoint); its tally; the learner's state, to decide the course
    assert len(counts) == 7, counts
    assert not [q for q in counts if "SAVEPOINT" in q], counts
    with count_queries(app) as counts:  # again: no place moved, nothing recorded or counted
        assert client.post("/courses/mini/lessons/later/complete").status_code == 302
    assert len(counts) == 5 and not [q for q in counts if "report_tally" in q], counts


def test_a_first_lesson_read_enrols_the_learner_at_that_lesson_in_one_insert(app, client, course):
    with app.app_context():
        make_user("new@example.org", "New Learner", PASSWORD)
    client.post("/login", data={"email": "new@example.org", "password": PASSWORD})
    with count_queries(app) as counts:
        assert client.get("/courses/mini/lessons/act-now").status_code == 200
    assert [q for q in counts if q.startswith("INSERT INTO enrolment")], counts
    assert not [q for q in counts if q.startswith("UPDATE enrolment")], counts
    assert "Continue where you left off: Act now" in text_of(client.get("/courses/mini/"))
