"""The Spanish editors of a module, a handout, a quiz and the glossary: each saves to the draft,
reaches Spanish learners at publish, clears "needs updating", and refuses bad input with a 400."""
import shutil

import pytest

from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db
from tests.authoring.helpers import outline_line, publish
from tests.conftest import MINI_COURSE
from tests.helpers import text_of

SPANISH = {"Accept-Language": "es"}
QUIZ = {"title": "Repase lo aprendido", "q1_prompt": "¿De qué color es el cielo despejado?",
        "q1_choice1": "Azul claro", "q1_choice2": "Verde",
        "q1_explanation": "Por cómo el aire dispersa la luz.",
        "q2_prompt": "¿Cuáles son pares?", "q2_choice1": "dos", "q2_choice2": "tres",
        "q2_choice3": "cuatro", "q2_explanation": "Se dividen entre dos."}
HANDOUT = {"title": "La lista nueva", "summary": "Cosas por hacer.",
           "body_md": "- Haga esto primero.\n"}
GLOSSARY = {"t1_term": "Reclusión", "t1_definition": "Estar a solas en un cuarto cerrado."}


def change_english_files(app, tmp_path):
    """Import the mini course with its quiz, handout and glossary English text changed."""
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    for path, old, new in [
            (folder / "01-basics" / "quiz.yaml", "What colour", "Which colour"),
            (folder / "glossary.yaml", "a room you", "a room or area you"),
            (folder / "resources" / "01-checklist.md", "Then that.", "Then the other.")]:
        path.write_text(path.read_text().replace(old, new))
    with app.app_context():
        import_course(load_course(folder))
        db.session.commit()


def test_the_manage_page_links_each_spanish_editor_with_its_state(as_trainer):
    page = as_trainer.get("/manage/mini/")
    html = page.get_data(as_text=True)
    for url in ("/manage/mini/modules/basics/es", "/manage/mini/modules/basics/quiz/es",
                "/manage/mini/handouts/checklist/es", "/manage/mini/glossary/es"):
        assert f'href="{url}"' in html
        assert as_trainer.get(url).status_code == 200
    assert outline_line(page, "module-next-steps") == "Next steps (not translated)"
    assert outline_line(page, "module-basics") == "Basics"
    assert "/manage/mini/modules/next-steps/quiz/es" in html  # its English quiz exists


def test_manage_links_the_course_details_and_the_introduction_to_their_spanish_editors(
        as_trainer):
    page = as_trainer.get("/manage/mini/")
    html = page.get_data(as_text=True)
    details = html[html.index('id="course-heading"'):html.index("</section>",
                                                                  html.index('id="course-heading"'))]
    assert details.index("Edit course details") < details.index(
        'href="/manage/mini/course/es">Spanish<') < details.index(
        'href="/manage/mini/introduction/es">Spanish introduction<')
    for url in ("/manage/mini/course/es", "/manage/mini/introduction/es"):
        assert as_trainer.get(url).status_code == 200
    as_trainer.set_cookie("lang", "es")  # a trainer who reads the pages in Spanish
    spanish = as_trainer.get("/manage/mini/").get_data(as_text=True)
    assert 'href="/manage/mini/course/es">Español<' in spanish
    assert 'href="/manage/mini/introduction/es">Introducción en español<' in spanish


@pytest.mark.parametrize("english, spanish", [
    ("/manage/mini/modules/basics/edit", "/manage/mini/modules/basics/es"),
    ("/manage/mini/modules/basics/quiz", "/manage/mini/modules/basics/quiz/es"),
    ("/manage/mini/handouts/checklist/edit", "/manage/mini/handouts/checklist/es")])
def test_each_english_editor_has_an_espanol_tab(as_trainer, english, spanish):
    assert f'href="{spanish}" lang="es">Español' in as_trainer.get(english).get_data(as_text=True)
    assert f'href="{english}">English' in as_trainer.get(spanish).get_data(as_text=True)


def test_the_module_editor_saves_to_the_draft_and_learners_read_it_after_publish(as_trainer):
    form = as_trainer.get("/manage/mini/modules/basics/es")
    assert "Lo básico" in form.get_data(as_text=True) and "The first module." in text_of(form)
    response = as_trainer.post("/manage/mini/modules/basics/es", data={
        "title": "Lo esencial", "summary": "Las ideas de partida."})
    assert response.status_code == 302
    assert "is saved in the draft" in text_of(as_trainer.get("/manage/mini/"))
    assert "Lo esencial" not in text_of(as_trainer.get("/courses/mini/modules/basics",
                                                       headers=SPANISH))
    publish(as_trainer)
    page = text_of(as_trainer.get("/courses/mini/modules/basics", headers=SPANISH))
    assert "Lo esencial" in page and "Las ideas de partida." in page
    assert "Basics" in text_of(as_trainer.get("/courses/mini/modules/basics"))


def test_saving_a_module_s_spanish_clears_needs_updating(as_trainer):
    response = as_trainer.post("/manage/mini/modules/basics/edit", data={
        "title": "Basics", "summary": "The very first module."})
    assert response.status_code == 302, text_of(response)
    manage = text_of(as_trainer.get("/manage/mini/"))
    assert "Basics (module) — needs updating · Update the Spanish “Basics”" in manage
    form = as_trainer.get("/manage/mini/modules/basics/es")
    assert "needs updating" in text_of(form)
    as_trainer.post("/manage/mini/modules/basics/es", data={
        "title": "Lo básico", "summary": "El primerísimo módulo."})
    assert "needs updating" not in text_of(as_trainer.get("/manage/mini/"))


def test_the_handout_editor_saves_clears_needs_updating_and_reaches_learners(app, as_trainer,
                                                                             tmp_path):
    change_english_files(app, tmp_path)
    assert "The checklist (handout) — needs updating" in text_of(as_trainer.get("/manage/mini/"))
    form = as_trainer.get("/manage/mini/handouts/checklist/es")
    assert "La lista" in form.get_data(as_text=True) and "Then the other." in text_of(form)
    response = as_trainer.post("/manage/mini/handouts/checklist/es", data=HANDOUT)
    assert response.status_code == 302
    assert "(handout) — needs updating" not in text_of(as_trainer.get("/manage/mini/"))
    publish(as_trainer)
    page = text_of(as_trainer.get("/courses/mini/resources/checklist", headers=SPANISH))
    assert "La lista nueva" in page and "Haga esto primero." in page


def test_the_quiz_editor_shows_the_english_beside_each_field_and_saves(app, as_trainer,
                                                                       tmp_path):
    change_english_files(app, tmp_path)
    form = as_trainer.get("/manage/mini/modules/basics/quiz/es")
    shown = text_of(form)
    assert "Which colour is the sky on a clear day?" in shown and "Blue" in shown
    assert "¿De qué color es el cielo en un día despejado?" in form.get_data(as_text=True)
    assert "needs updating" in shown
    response = as_trainer.post("/manage/mini/modules/basics/quiz/es", data=QUIZ)
    assert response.status_code == 302, text_of(response)
    assert "(quiz) — needs updating" not in text_of(as_trainer.get("/manage/mini/"))
    publish(as_trainer)
    quiz = text_of(as_trainer.get("/courses/mini/modules/basics/quiz", headers=SPANISH))
    assert "¿De qué color es el cielo despejado?" in quiz and "Azul claro" in quiz
    assert "cuatro" in quiz and "Repase lo aprendido" in quiz


def test_the_glossary_editor_saves_clears_needs_updating_and_reaches_learners(app, as_trainer,
                                                                              tmp_path):
    change_english_files(app, tmp_path)
    assert "Seclusion (term) — needs updating · Update the Spanish" in text_of(
        as_trainer.get("/manage/mini/"))
    form = as_trainer.get("/manage/mini/glossary/es")
    assert "Aislamiento" in form.get_data(as_text=True)
    response = as_trainer.post("/manage/mini/glossary/es", data=GLOSSARY)
    assert response.status_code == 302
    assert "(term) — needs updating" not in text_of(as_trainer.get("/manage/mini/"))
    publish(as_trainer)
    glossary = text_of(as_trainer.get("/courses/mini/glossary", headers=SPANISH))
    assert "Reclusión" in glossary and "Estar a solas en un cuarto cerrado." in glossary


def test_the_handout_preview_shows_the_spanish_text_without_saving_it(as_trainer):
    response = as_trainer.post("/manage/mini/handouts/checklist/es",
                               data={**HANDOUT, "action": "preview"})
    assert response.status_code == 200
    assert "It is not saved yet" in text_of(response)  # in the editor's preview
    assert 'formaction="#body_md-editor"' in response.get_data(as_text=True)
    assert "<li>Haga esto primero.</li>" in response.get_data(as_text=True)
    assert "is saved in the draft" not in text_of(as_trainer.get("/manage/mini/"))
    assert "Haga esto primero." not in text_of(as_trainer.get("/manage/mini/handouts/checklist/es"))


def test_each_spanish_definition_is_markdown_with_its_own_preview(as_trainer):
    form = as_trainer.get("/manage/mini/glossary/es").get_data(as_text=True)
    assert 'id="t1_definition-editor"' in form and 'id="t1_term-editor"' not in form
    assert 'Preview<span class="visually-hidden"> (Seclusion)</span>' in form  # one per term
    response = as_trainer.post("/manage/mini/glossary/es", data={
        **GLOSSARY, "t1_definition": "Estar **a solas**. <script>x()</script>",
        "action": "preview"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<strong>a solas</strong>" in html and "<script>x()" not in html
    assert "Reclusión" not in text_of(as_trainer.get("/manage/mini/glossary/es"))  # not saved


def test_posting_the_same_spanish_again_saves_nothing(as_trainer):
    data = {"title": "Lo básico", "summary": "Las primeras ideas."}
    response = as_trainer.post("/manage/mini/modules/basics/es", data=data, follow_redirects=True)
    assert "Nothing had changed" in text_of(response)


@pytest.mark.parametrize("url, data, message", [
    ("/manage/mini/modules/basics/es", {"title": "", "summary": "x"}, "Spanish title"),
    ("/manage/mini/modules/basics/es", {"title": "x" * 201}, "200 characters"),
    ("/manage/mini/handouts/checklist/es", {**HANDOUT, "body_md": ""}, "Spanish text"),
    ("/manage/mini/handouts/checklist/es", {**HANDOUT, "summary": "x" * 501}, "500 characters"),
    ("/manage/mini/modules/basics/quiz/es", {k: v for k, v in QUIZ.items() if k != "q2_choice3"},
     "Question 2: Spanish answer 3"),
    ("/manage/mini/modules/basics/quiz/es", {**QUIZ, "q1_prompt": "x" * 1001}, "1000 characters"),
    ("/manage/mini/modules/basics/quiz/es", {**QUIZ, "q1_explanation": " "},
     "Enter the Spanish explanation."),
    ("/manage/mini/glossary/es", {"t1_term": "Reclusión"}, "Spanish definition of “Seclusion”"),
    ("/manage/mini/glossary/es", {**GLOSSARY, "t1_term": "x" * 121}, "120 characters"),
])
def test_bad_spanish_is_refused_with_a_message_and_nothing_saved(as_trainer, url, data,
                                                                  message):
    response = as_trainer.post(url, data=data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert "is saved in the draft" not in text_of(as_trainer.get("/manage/mini/"))


@pytest.mark.parametrize("url", ["/manage/mini/modules/no-such/es",
                                 "/manage/mini/handouts/no-such/es",
                                 "/manage/mini/modules/no-such/quiz/es"])
def test_an_unknown_slug_is_not_found(as_trainer, url):
    assert as_trainer.get(url).status_code == 404
    assert as_trainer.post(url, data={"title": "x"}).status_code == 404
