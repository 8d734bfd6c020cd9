"""Issue 23 item 3: the Spanish editors show the English beside the Spanish and what changed in
the English since the Spanish was written; "Still right" reaches learners without a publish;
Spanish edits have a revision history; the draft preview reads in Spanish; the course's
description and introduction have Spanish editors."""
from sqlalchemy import select

from lms.audit import AuditEvent
from lms.authoring import draft
from lms.authoring.blueprint import BUSY
from lms.authoring.models import CourseDraft
from lms.extensions import db
from tests.authoring.helpers import edit_lesson, publish
from tests.helpers import text_of

SPANISH = {"Accept-Language": "es"}
NEW_ENGLISH = "## Hello\n\nThe first lesson, with one more sentence.\n"
LEARNER_NOTE = "translation-note"


def change_english(client, revision=0):
    response = edit_lesson(client, "first-lesson", revision, title="First lesson",
                           body=NEW_ENGLISH)
    assert response.status_code == 302, text_of(response)


def spanish_lesson(client):
    return client.get("/courses/mini/lessons/first-lesson", headers=SPANISH)


def has_draft(app) -> bool:
    with app.app_context():
        return db.session.scalar(select(CourseDraft)) is not None


def test_the_english_is_beside_each_spanish_field(as_trainer):
    html = as_trainer.get("/manage/mini/lessons/first-lesson/es").get_data(as_text=True)
    rows = html.split('class="translation-row"')[1:]
    assert len(rows) == 2  # title, then text
    assert 'lang="en">First lesson</p>' in rows[0] and 'name="title"' in rows[0]
    assert "The first lesson. See [seclusion]" in rows[1] and 'name="body_md"' in rows[1]
    assert "Primera lección" in rows[0]
    assert "needs updating" not in html


def test_the_editor_shows_what_changed_in_the_english_since_the_spanish(as_trainer):
    change_english(as_trainer)
    page = as_trainer.get("/manage/mini/lessons/first-lesson/es")
    html = page.get_data(as_text=True)
    assert "needs updating" in text_of(page)
    box = html.split('class="english-change')[1].split("</section>")[0]
    assert "<ins>The first lesson, with one more sentence.</ins>" in box
    assert "<del>The first lesson. See [seclusion](/glossary#seclusion).</del>" in box
    assert "Still right" in box


def test_a_module_editor_shows_the_english_change_kept_at_the_last_publish(as_trainer):
    edit_lesson(as_trainer, "later", 0, title="Later", body="Once.\n")
    publish(as_trainer)  # keeps the English every translation is written from
    as_trainer.post("/manage/mini/modules/basics/edit",
                    data={"title": "Basics", "summary": "The first module, renamed."})
    html = as_trainer.get("/manage/mini/modules/basics/es").get_data(as_text=True)
    assert "<ins>The first module, renamed.</ins>" in html
    assert "<del>The first module.</del>" in html


def test_still_right_reaches_learners_at_once_without_a_publish(app, as_trainer):
    change_english(as_trainer)
    publish(as_trainer)
    visitor = app.test_client()  # served from the page cache of the published snapshot
    for reader in (as_trainer, visitor, visitor):
        assert LEARNER_NOTE in spanish_lesson(reader).get_data(as_text=True)
    response = as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm")
    assert response.status_code == 303
    message = text_of(as_trainer.get(response.headers["Location"]))
    assert "marked as still right. Learners no longer see the note" in message
    assert "needs updating" not in message
    assert not has_draft(app)  # nothing waits for a publish
    page = spanish_lesson(as_trainer)  # the same process: its snapshot is replaced
    assert LEARNER_NOTE not in page.get_data(as_text=True)
    assert LEARNER_NOTE not in spanish_lesson(visitor).get_data(as_text=True)
    assert "La primera lección." in text_of(page)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "translation confirmed"))
        assert event.target == "lesson first-lesson (es)"
        assert event.detail == "published at once"
    history = text_of(as_trainer.get("/manage/mini/history/lesson-es/first-lesson"))
    assert "Still right for the changed English" in history


def test_still_right_leaves_other_draft_changes_in_the_draft(app, as_trainer):
    change_english(as_trainer)
    publish(as_trainer)
    edit_lesson(as_trainer, "later", 0, title="Later", body="Not published yet.\n")
    as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm")
    assert LEARNER_NOTE not in spanish_lesson(as_trainer).get_data(as_text=True)
    assert "Not published yet." not in text_of(as_trainer.get("/courses/mini/lessons/later"))
    publish_page = text_of(as_trainer.get("/manage/mini/publish"))
    assert "Later (lesson, changed)" in publish_page
    assert "First lesson (lesson in Spanish" not in publish_page  # already as published
    publish(as_trainer)
    assert LEARNER_NOTE not in spanish_lesson(as_trainer).get_data(as_text=True)


def test_still_right_for_an_unpublished_english_change_waits_for_the_publish(app, as_trainer):
    change_english(as_trainer)
    response = as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm",
                               follow_redirects=True)
    assert "marked as still right, in the draft" in text_of(response)
    assert "The first lesson, with one more sentence." not in text_of(
        as_trainer.get("/courses/mini/lessons/first-lesson"))
    publish(as_trainer)
    assert LEARNER_NOTE not in spanish_lesson(as_trainer).get_data(as_text=True)


def test_still_right_with_a_busy_draft_goes_back_and_says_so(app, as_trainer, monkeypatch):
    change_english(as_trainer)
    monkeypatch.setattr(draft, "ATTEMPTS", 0)
    response = as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm")
    assert response.status_code == 303
    assert response.headers["Location"] == "/manage/mini/#translations"
    assert str(BUSY) in text_of(as_trainer.get("/manage/mini/"))


def test_spanish_edits_are_in_the_revision_history_and_can_be_restored(as_trainer):
    as_trainer.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "Primera lección", "body_md": "## Hola\n\nTexto nuevo.\n", "action": "save"})
    history = as_trainer.get("/manage/mini/history/lesson-es/first-lesson")
    assert history.status_code == 200
    assert "History: Primera lección" in text_of(history)
    diff = as_trainer.get("/manage/mini/history/lesson-es/first-lesson/diff?old=1&new=2")
    html = diff.get_data(as_text=True)
    assert "<ins>Texto nuevo.</ins>" in html and "<del>La primera lección." in html
    revision = text_of(as_trainer.get("/manage/mini/history/lesson-es/first-lesson/1"))
    assert "La primera lección." in revision
    as_trainer.post("/manage/mini/history/lesson-es/first-lesson/1/restore")
    form = as_trainer.get("/manage/mini/lessons/first-lesson/es").get_data(as_text=True)
    assert "La primera lección." in form and "Texto nuevo." not in form
    assert as_trainer.get("/manage/mini/history/lesson-es/no-such-lesson").status_code == 404
    assert as_trainer.get("/manage/mini/history/lesson-xx/first-lesson").status_code == 404


def test_the_draft_preview_reads_in_spanish(as_trainer):
    as_trainer.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "Primera lección", "body_md": "## Hola\n\nSolo en el borrador.\n",
        "action": "save"})
    english = as_trainer.get("/manage/mini/preview/lessons/first-lesson")
    assert "The first lesson." in text_of(english)
    assert 'href="/manage/mini/preview/lessons/first-lesson?lang=es"' in english.get_data(
        as_text=True)
    spanish = text_of(as_trainer.get("/manage/mini/preview/lessons/first-lesson?lang=es"))
    assert "Solo en el borrador." in spanish
    assert "Vista previa del borrador" in spanish  # the learner's page, in Spanish
    # Learners still read the published Spanish.
    assert "Solo en el borrador." not in text_of(spanish_lesson(as_trainer))


def test_the_course_description_has_a_spanish_editor(as_trainer):
    course_form = as_trainer.get("/manage/mini/course").get_data(as_text=True)
    assert 'href="/manage/mini/course/es" lang="es">Español' in course_form
    page = as_trainer.get("/manage/mini/course/es")
    assert page.status_code == 200 and "A tiny course for tests." in text_of(page)
    empty = as_trainer.post("/manage/mini/course/es", data={"title": "", "summary": ""})
    assert empty.status_code == 400 and "Spanish course title" in text_of(empty)
    saved = as_trainer.post("/manage/mini/course/es", data={
        "title": "Curso mini", "summary": "Un curso pequeño para pruebas."})
    assert saved.status_code == 302
    publish(as_trainer)
    home = text_of(as_trainer.get("/courses/mini/", headers=SPANISH))
    assert "Curso mini" in home


def test_the_introduction_has_a_spanish_editor(as_trainer):
    assert 'href="/manage/mini/introduction/es"' in as_trainer.get(
        "/manage/mini/course").get_data(as_text=True)
    page = as_trainer.get("/manage/mini/introduction/es")
    assert page.status_code == 200 and "This course is **small**." in text_of(page)
    preview = as_trainer.post("/manage/mini/introduction/es", data={
        "title": "Sobre el curso", "body_md": "Este curso es **pequeño**.", "action": "preview"})
    assert "<strong>pequeño</strong>" in preview.get_data(as_text=True)
    saved = as_trainer.post("/manage/mini/introduction/es", data={
        "title": "Sobre el curso", "body_md": "Este curso es **pequeño**.", "action": "save"})
    assert saved.status_code == 302
    publish(as_trainer)
    intro = text_of(as_trainer.get("/courses/mini/introduction", headers=SPANISH))
    assert "Sobre el curso" in intro and "Este curso es pequeño" in intro
    long = as_trainer.post("/manage/mini/introduction/es", data={
        "title": "x" * 500, "body_md": "Texto.", "action": "save"})
    assert long.status_code == 400
