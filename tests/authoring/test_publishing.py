"""Publishing: editions, the reviewed version only, and what a publish never touches."""
from datetime import date

from sqlalchemy import select

from lms.authoring.publishing import suggest_edition
from lms.courses.models import Course, Edition
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion
from tests.authoring.helpers import add_lesson, edit_lesson, publish
from tests.helpers import text_of


def test_the_publish_page_shows_what_will_change(as_trainer):
    add_lesson(as_trainer)
    as_trainer.post("/manage/mini/lessons/second-lesson/retire")
    page = text_of(as_trainer.get("/manage/mini/publish"))
    assert "1 lesson created" in page and "1 lesson retired" in page
    assert "Learners keep all their progress" in page


def test_a_new_edition_needs_a_note_and_is_recorded(app, client, auth, as_trainer, learner,
                                                    trainer):
    auth.logout()
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    auth.logout()
    auth.login("trainer@example.org")
    edit_lesson(client, "second-lesson", 0, body="The law changed in 2026.")

    page = client.get("/manage/mini/publish").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    refused = client.post("/manage/mini/publish", data={"version": version, "new_edition": "y",
                                                   "edition": "2", "edition_note": ""})
    assert refused.status_code == 400 and "Say what changed" in text_of(refused)

    publish(client, new_edition="2", note="New state law on seclusion rooms.")
    assert "Edition 2" in text_of(client.get("/courses/mini/"))
    assert "New state law on seclusion rooms." in text_of(client.get("/manage/mini/"))
    with app.app_context():
        edition = db.session.scalar(select(Edition))
        assert (edition.edition, edition.published_by) == ("2", trainer)
        assert db.session.scalar(select(Course.edition)) == "2"
        assert db.session.scalar(select(LessonCompletion).where(
            LessonCompletion.user_id == learner)) is not None
        assert db.session.scalar(select(Enrolment.user_id)) == learner


def test_publishing_without_a_new_edition_keeps_the_edition(app, as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Typo fixed.")
    publish(as_trainer)
    with app.app_context():
        assert db.session.scalar(select(Course.edition)) == "1"
        assert db.session.scalar(select(Edition)) is None


def test_a_draft_changed_after_review_is_not_published(app, as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Reviewed text.")
    page = as_trainer.get("/manage/mini/publish").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    edit_lesson(as_trainer, "second-lesson", 2, body="Unreviewed text.")
    response = as_trainer.post("/manage/mini/publish", data={"version": version})
    assert response.status_code == 409
    assert "The draft changed while you were reviewing it" in text_of(response)
    assert "The second lesson." in text_of(as_trainer.get("/courses/mini/lessons/second-lesson"))


def test_an_edition_name_is_used_once(as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="One.")
    publish(as_trainer, new_edition="2", note="First change.")
    edit_lesson(as_trainer, "second-lesson", 2, body="Two.")
    page = as_trainer.get("/manage/mini/publish").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = as_trainer.post("/manage/mini/publish", data={
        "version": version, "new_edition": "y", "edition": "2", "edition_note": "Again."})
    assert "already used" in text_of(response)


def test_suggested_edition_names():
    today = date(2026, 6, 1)
    assert suggest_edition("2026.1", today) == "2026.2"
    assert suggest_edition("2025.3", today) == "2026.1"
    assert suggest_edition("3", today) == "4"
    assert suggest_edition("first", today) == "2026.1"


def test_the_change_summary_is_singular_or_plural_in_each_language(as_trainer):
    """"1 lessons created" read wrong: each count is said through ngettext."""
    add_lesson(as_trainer)
    english = text_of(as_trainer.get("/manage/mini/publish"))
    assert "1 lesson created." in english and "1 lessons" not in english
    add_lesson(as_trainer, title="Keeping notes")
    assert "2 lessons created." in text_of(as_trainer.get("/manage/mini/publish"))
    spanish = text_of(as_trainer.get("/manage/mini/publish?lang=es"))
    assert "2 lecciones creadas." in spanish
