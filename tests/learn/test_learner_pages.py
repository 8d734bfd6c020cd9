"""A signed-in lesson page, the catalogue, a course's home and a module's page are rendered once
for every learner in the same state: each still sees their own progress, role and form token,
and nobody else's."""

import shutil

import pytest

from lms.auth.models import Role
from lms.learn import cache
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import CSRFClient, quiz_answers, text_of

LESSON = "/courses/mini/lessons/second-lesson"


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}  # each form must carry its session's token


def token(page) -> str:
    return CSRFClient.TOKEN.search(page.get_data(as_text=True)).group(1)


def signed_in(app, email: str, name: str, role: Role = Role.LEARNER):
    with app.app_context():
        make_user(email, name, PASSWORD, role)
    client = app.test_client()
    form = {"email": email, "password": PASSWORD, "csrf_token": token(client.get("/login"))}
    assert client.post("/login", data=form).status_code == 302
    return client


def test_each_learner_sees_their_own_progress_and_posts_with_their_own_token(app, course):
    ana, ben = (signed_in(app, "ana@example.org", "Ana Alvarez"),
                signed_in(app, "ben@example.org", "Ben Brown"))
    for client in (ana, ben, ana, ben):  # rendered once, then served from the snapshot
        assert "Mark as complete" in text_of(client.get(LESSON))

    page = ana.get(LESSON)
    assert ana.post(f"{LESSON}/complete", data={"csrf_token": token(page)}).status_code == 302
    assert "This lesson is marked as complete" in text_of(ana.get(LESSON))
    assert "This lesson is marked as complete" in text_of(ana.get(LESSON))

    page = ben.get(LESSON)
    assert "Mark as complete" in text_of(page)
    assert "This lesson is marked as complete" not in text_of(page)
    assert token(page) != token(ana.get(LESSON))  # each session's own, never the first one's
    refused = ben.post(f"{LESSON}/complete", data={"csrf_token": token(ana.get(LESSON))})
    assert refused.status_code == 400  # another session's token does not do
    assert ben.post(f"{LESSON}/complete", data={"csrf_token": token(page)}).status_code == 302
    assert "This lesson is marked as complete" in text_of(ben.get(LESSON))


def test_a_trainers_menu_is_not_a_learners(app, course):
    learner = signed_in(app, "lee@example.org", "Lee Learner")
    trainer = signed_in(app, "tia@example.org", "Tia Trainer", Role.TRAINER)
    for _ in range(2):
        assert "Manage courses" in text_of(trainer.get(LESSON))
        assert "Manage courses" not in text_of(learner.get(LESSON))


def post(client, url: str, data: dict | None = None):
    """A form posted as the browser would: with the token of the page it came from."""
    page = client.get(LESSON)
    return client.post(url, data={**(data or {}), "csrf_token": token(page)})


def test_the_last_step_shows_the_learners_own_printed_name(app, course):
    ana, ben = (signed_in(app, "ana@example.org", "Ana Alvarez"),
                signed_in(app, "ben@example.org", "Ben Brown"))
    for client in (ana, ben):
        for slug in ("first-lesson", "act-now", "later"):
            post(client, f"/courses/mini/lessons/{slug}/complete")
        for module in ("basics", "next-steps"):
            assert post(client, f"/courses/mini/modules/{module}/quiz",
                        quiz_answers(app, module)).status_code == 200
    # the second lesson is each one's last step: the page shows the name to be printed
    for _ in range(2):
        assert "Your certificate will show: Ana Alvarez" in text_of(ana.get(LESSON))
        page = text_of(ben.get(LESSON))
        assert "Your certificate will show: Ben Brown" in page
        assert "Ana Alvarez" not in page


def test_a_message_and_a_language_choice_are_the_readers_own(app, course):
    ana, ben = (signed_in(app, "ana@example.org", "Ana Alvarez"),
                signed_in(app, "ben@example.org", "Ben Brown"))
    for client in (ana, ben):
        client.get(LESSON)
    post(ana, f"{LESSON}/complete")
    flash = "“Second lesson” is marked as complete."
    assert flash in text_of(ana.get(LESSON))  # once, to her
    assert flash not in text_of(ana.get(LESSON))
    assert flash not in text_of(ben.get(LESSON))

    assert "Marcar como completada" in text_of(ben.get(LESSON + "?lang=es"))
    assert "Marcar como completada" in text_of(ben.get(LESSON))  # saved on his profile
    assert "Mark as complete" in text_of(ana.get(LESSON.replace("second", "first")))


PAGES_OF_PROGRESS = ["/", "/courses/mini/", "/courses/mini/modules/basics"]


def test_the_catalogue_a_course_home_and_a_module_show_each_learner_their_own_progress(
        app, course):
    """Rendered once for each state a learner may be in, they still show every learner their
    own: the counts, the lessons marked done and where "Continue" goes."""
    ana, ben = (signed_in(app, "ana@example.org", "Ana Alvarez"),
                signed_in(app, "ben@example.org", "Ben Brown"))
    for client in (ana, ben, ana, ben):
        assert " done" not in text_of(client.get("/"))  # no course started: no progress
        assert "0 of 6 done" in text_of(client.get("/courses/mini/"))
        assert "0 of 3 done" in text_of(client.get("/courses/mini/modules/basics"))

    post(ana, "/courses/mini/lessons/first-lesson/complete")
    ana.get("/courses/mini/lessons/act-now")  # opened, not finished
    for _ in range(2):
        assert "1 of 6 done" in text_of(ana.get("/"))
        assert " done" not in text_of(ben.get("/"))
        assert "1 of 6 done" in text_of(ana.get("/courses/mini/"))
        assert "0 of 6 done" in text_of(ben.get("/courses/mini/"))
        assert "1 of 3 done" in text_of(ana.get("/courses/mini/modules/basics"))
        assert "0 of 3 done" in text_of(ben.get("/courses/mini/modules/basics"))
        assert "First lesson 3 min · done" in text_of(ana.get("/courses/mini/modules/basics"))
        assert "· done" not in text_of(ben.get("/courses/mini/modules/basics"))
        assert "Continue where you left off: Act now" in text_of(ana.get("/courses/mini/"))
        assert "Act now" not in text_of(ben.get("/courses/mini/")).split("Modules")[0]

    ana.get("/courses/mini/lessons/later")  # her place moves: so does "Continue"
    assert "Continue where you left off: Later" in text_of(ana.get("/courses/mini/"))
    page = ana.get("/courses/mini/")
    assert token(page) != token(ben.get("/courses/mini/"))  # each session's own form token
    assert post(ana, "/courses/mini/lessons/later/complete").status_code == 302


def test_a_publish_shows_at_once_on_the_pages_kept_for_a_learners_state(app, course, runner,
                                                                        tmp_path):
    ana = signed_in(app, "ana@example.org", "Ana Alvarez")
    post(ana, "/courses/mini/lessons/first-lesson/complete")  # the catalogue shows her course
    for url in PAGES_OF_PROGRESS[:2]:  # the catalogue and the course's home name the course
        assert "Mini Course" in text_of(ana.get(url)), url
    assert "Second lesson" in text_of(ana.get("/courses/mini/modules/basics"))
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    (folder / "course.yaml").write_text((folder / "course.yaml").read_text().replace(
        '"Mini Course"', '"Renamed Course"'))
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text(lesson.read_text().replace("title: Second lesson", "title: Renamed"))
    assert runner.invoke(args=["content", "import", str(folder)]).exit_code == 0
    for url in PAGES_OF_PROGRESS[:2]:
        page = text_of(ana.get(url))
        assert "Renamed Course" in page and "Mini Course" not in page, url
    page = text_of(ana.get("/courses/mini/modules/basics"))
    assert "Renamed" in page and "Second lesson" not in page


def test_a_sessions_form_token_is_signed_once_a_period(monkeypatch):
    """Kept pages put in a token signed at most once a period per session and signing key, so
    a token is never older than TOKEN_REUSE_SECONDS when its page is served."""
    clock = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    signed = []

    def sign():
        signed.append(len(signed))
        return f"token {len(signed)}"

    tokens = cache.SignedTokens()
    assert tokens.get(("key", "ana"), sign) == tokens.get(("key", "ana"), sign) == "token 1"
    assert tokens.get(("key", "ben"), sign) == "token 2"  # each session its own
    assert tokens.get(("new key", "ana"), sign) == "token 3"  # and each signing key
    clock[0] += cache.TOKEN_REUSE_SECONDS
    assert tokens.get(("key", "ana"), sign) == "token 4"  # a new period signs again
    assert len(signed) == 4
