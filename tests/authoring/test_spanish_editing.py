"""Trainers and the Spanish text: what needs updating, the Spanish lesson editor, "still right"."""
import shutil

from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db
from tests.authoring.helpers import edit_lesson, outline_line, publish
from tests.conftest import MINI_COURSE
from tests.helpers import text_of

SPANISH = {"Accept-Language": "es"}


def change_english_first_lesson(client, revision=0):
    response = edit_lesson(client, "first-lesson", revision, title="First lesson",
                           body="## Hello\n\nThe first lesson, rewritten.\n")
    assert response.status_code == 302, text_of(response)


def test_an_english_edit_marks_the_spanish_as_needing_an_update(as_trainer):
    page = as_trainer.get("/manage/mini/")
    assert "needs updating" not in text_of(page)
    assert "translated" not in outline_line(page, "lesson-first-lesson")
    assert outline_line(page, "lesson-second-lesson").endswith("(not translated)")
    change_english_first_lesson(as_trainer)
    page = as_trainer.get("/manage/mini/")
    manage = text_of(page)
    assert "Spanish text that needs updating" in manage
    assert "First lesson (lesson) — needs updating · Update the Spanish “First lesson”" in manage
    assert outline_line(page, "lesson-first-lesson").endswith("needs updating")


def test_updating_the_spanish_in_the_editor_clears_the_mark_and_learners_read_it(as_trainer):
    change_english_first_lesson(as_trainer)
    form = as_trainer.get("/manage/mini/lessons/first-lesson/es")
    assert form.status_code == 200
    assert "Primera lección" in form.get_data(as_text=True)
    assert "needs updating" in text_of(form)
    response = as_trainer.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "Primera lección", "body_md": "## Hola\n\nLa primera lección, reescrita.\n",
        "action": "save"})
    assert response.status_code == 302
    assert "needs updating" not in text_of(as_trainer.get("/manage/mini/"))
    publish(as_trainer)
    lesson = text_of(as_trainer.get("/courses/mini/lessons/first-lesson", headers=SPANISH))
    assert "La primera lección, reescrita." in lesson


def test_the_spanish_editor_refuses_an_empty_text_with_a_message(as_trainer):
    response = as_trainer.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "", "body_md": "", "action": "save"})
    assert response.status_code == 400
    assert "Spanish title" in text_of(response)
    assert as_trainer.get("/manage/mini/lessons/no-such-lesson/es").status_code == 404


def test_still_right_keeps_the_spanish_and_clears_the_mark(as_trainer):
    change_english_first_lesson(as_trainer)
    response = as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm",
                               follow_redirects=True)
    assert "is marked as still right" in text_of(response)
    assert "needs updating" not in text_of(as_trainer.get("/manage/mini/"))
    publish(as_trainer)
    page = as_trainer.get("/courses/mini/lessons/first-lesson", headers=SPANISH)
    assert "La primera lección." in text_of(page)
    assert "translation-note" not in page.get_data(as_text=True)


def test_still_right_on_what_is_up_to_date_or_unknown_changes_nothing(as_trainer):
    response = as_trainer.post("/manage/mini/translations/lesson/first-lesson/confirm",
                               follow_redirects=True)
    assert "does not need updating" in text_of(response)
    assert as_trainer.post("/manage/mini/translations/nonsense/x/confirm").status_code == 404
    assert as_trainer.post("/manage/mini/translations/lesson/no-such/confirm",
                           follow_redirects=True).status_code == 200


def test_an_imported_english_change_shows_on_the_manage_page_until_confirmed(app, as_trainer,
                                                                            tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    quiz = folder / "01-basics" / "quiz.yaml"
    quiz.write_text(quiz.read_text().replace("What colour is the sky", "Which colour is the sky"))
    glossary = folder / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("a room you cannot leave",
                                                     "a room or area you cannot leave"))
    with app.app_context():
        import_course(load_course(folder))
        db.session.commit()
    manage = text_of(as_trainer.get("/manage/mini/"))
    assert "Quiz: Basics (quiz) — needs updating" in manage
    assert "Seclusion (term) — needs updating" in manage
    in_spanish = text_of(as_trainer.get("/manage/mini/", headers=SPANISH))
    assert "Cuestionario: Basics (cuestionario)" in in_spanish
    assert "Seclusion (término del glosario)" in in_spanish
    as_trainer.post("/manage/mini/translations/quiz/basics/confirm")
    manage = text_of(as_trainer.get("/manage/mini/"))
    assert "(quiz) — needs updating" not in manage and "(term) — needs updating" in manage
