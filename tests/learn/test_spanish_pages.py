"""One course in two languages: Spanish pages from a Spanish snapshot, cached per language,
with one progress whatever language a step was taken in."""
import io
import shutil

from pypdf import PdfReader

from lms.catalogue.published import EXTENSION, published_snapshot
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.extensions import db
from tests.conftest import MINI_COURSE
from tests.helpers import only_course_id, quiz_answers, text_of
from tests.reports.helpers import learners, trainer
from tests.reports.test_reports import table_row

SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}


def test_a_spanish_browser_reads_the_spanish_lesson_quiz_module_and_glossary(client, course):
    lesson = text_of(client.get("/courses/mini/lessons/first-lesson", headers=SPANISH))
    assert "Primera lección" in lesson and "La primera lección." in lesson
    assert "not yet translated" not in lesson
    assert "Lo básico" in text_of(client.get("/courses/mini/modules/basics", headers=SPANISH))
    quiz = text_of(client.get("/courses/mini/modules/basics/quiz/answer", headers=SPANISH))
    assert "¿De qué color es el cielo" in quiz and "Azul" in quiz
    assert "Aislamiento" in text_of(client.get("/courses/mini/glossary", headers=SPANISH))
    english = text_of(client.get("/courses/mini/lessons/first-lesson", headers=ENGLISH))
    assert "First lesson" in english and "Primera" not in english


def test_an_untranslated_lesson_shows_the_english_with_a_note_in_spanish(client, course):
    response = client.get("/courses/mini/lessons/second-lesson", headers=SPANISH)
    page = response.get_data(as_text=True)
    assert "Second lesson" in text_of(response)
    assert "Esta parte todavía no está traducida al español, por eso se muestra en inglés." in page
    assert '<div class="prose" lang="en">' in page
    assert "translation-note" not in client.get("/courses/mini/lessons/second-lesson",
                                                headers=ENGLISH).get_data(as_text=True)


def test_a_lesson_whose_english_changed_shows_the_last_spanish_with_a_note(app, client, course,
                                                                         tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    english = folder / "01-basics" / "01-first-lesson.md"
    english.write_text(english.read_text().replace("The first lesson.", "The first lesson, "
                                                   "now longer."))
    with app.app_context():
        import_course(load_course(folder))
        db.session.commit()
    response = client.get("/courses/mini/lessons/first-lesson", headers=SPANISH)
    assert "La primera lección." in text_of(response)
    assert "La versión en inglés de esta parte es más nueva que esta versión en español." in (
        text_of(response))
    assert "now longer" in text_of(client.get("/courses/mini/lessons/first-lesson",
                                              headers=ENGLISH))


def test_the_shared_page_cache_keeps_one_page_per_language(client, course):
    for first, second, mine, theirs in [(ENGLISH, SPANISH, "First lesson", "Primera lección"),
                                        (SPANISH, ENGLISH, "Primera lección", "First lesson")]:
        client.get("/courses/mini/lessons/first-lesson",
                   headers=first)  # cached now in `first`'s language
        other = client.get("/courses/mini/lessons/first-lesson", headers=second)
        assert theirs in text_of(other) and mine not in text_of(other)
        again = client.get("/courses/mini/lessons/first-lesson", headers=first)
        assert mine in text_of(again)
        assert {"Cookie", "Accept-Language"} <= set(again.headers["Vary"].replace(" ", "")
                                                    .split(","))
    # The cookie (the language control's choice) wins over the browser's language.
    client.set_cookie("lang", "es")
    assert "Primera lección" in text_of(client.get("/courses/mini/lessons/first-lesson",
                                                   headers=ENGLISH))


def test_one_snapshot_per_language_of_the_same_version_and_steps(app, course):
    with app.test_request_context(headers=SPANISH):
        spanish = published_snapshot(only_course_id())
    with app.test_request_context(headers=ENGLISH):
        english = published_snapshot(only_course_id())
    with app.test_request_context(headers=SPANISH):
        assert published_snapshot(only_course_id()) is spanish  # built once per process and version
    assert (spanish.language, english.language) == ("es", "en")
    assert spanish.version == english.version
    assert [s.key for s in spanish.steps] == [s.key for s in english.steps]
    assert spanish.lesson_ids == english.lesson_ids and spanish.quiz_ids == english.quiz_ids
    assert english.course.modules[0].lessons[0].title == "First lesson"  # never changed


def test_progress_made_in_spanish_counts_in_english(app, client, auth, learner, course):
    auth.login()
    client.set_cookie("lang", "es")
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    client.get(
        "/courses/mini/lessons/second-lesson")  # the place: reading the second lesson, in Spanish
    spanish = text_of(client.get("/my-learning"))
    assert "Lo básico" in spanish and "Basics" not in spanish
    client.set_cookie("lang", "en")
    english = text_of(client.get("/my-learning"))
    assert "2 of 6 done" in english
    assert "Basics 2 of 3 done Lessons: 1 of 2. Quiz: passed (100%)." in english
    # Switching language kept the learner's place.
    assert "Continue where you left off: Second lesson" in english
    assert "This lesson is marked as complete" in text_of(client.get(
        "/courses/mini/lessons/first-lesson"))


def test_reports_count_a_learner_once_whatever_their_language(app, client, auth, course):
    learners(app, 11)
    trainer(app, client)
    auth.logout()
    learners(app, 1, lessons=0, basics=[], next_steps=False, prefix="bilingual")
    auth.login("bilingual0@example.org")
    for language in ("es", "en"):
        client.set_cookie("lang", language)
        client.post("/courses/mini/lessons/first-lesson/complete")
        client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    auth.logout()
    auth.login("trainer@example.org")
    for language in ("es", "en"):
        client.set_cookie("lang", language)
        page = client.get("/manage/mini/reports/funnel")
        # reached, completed, %, then read without an account (none: all were signed in)
        assert table_row(page, "1 ").split()[-4:] == ["12", "12", "100", "0"], language


def test_the_handout_page_and_pdf_are_in_the_readers_language(client, runner, course):
    runner.invoke(args=["content", "import"])  # renders the handout PDFs, in both languages
    assert "La lista" in text_of(client.get("/courses/mini/resources/checklist", headers=SPANISH))
    for headers, title in [(SPANISH, "La lista"), (ENGLISH, "The checklist")]:
        response = client.get("/courses/mini/resources/checklist.pdf", headers=headers)
        assert response.status_code == 200
        pdf = PdfReader(io.BytesIO(response.get_data()))
        assert pdf.metadata.title == title
        assert title in " ".join(pdf.pages[0].extract_text().split())


def test_a_process_keeps_one_snapshot_per_language(app, course, runner, tmp_path):
    cache = app.extensions[EXTENSION]
    for _ in range(2):
        for headers in (SPANISH, ENGLISH):
            with app.test_request_context(headers=headers):
                published_snapshot(only_course_id())
        runner.invoke(args=["content", "import"])  # a new version
    with app.app_context():
        course_id = only_course_id()
    assert sorted(cache._current) == [(course_id, "en"), (course_id, "es")]
    with app.test_request_context(headers=SPANISH):
        latest = published_snapshot(course_id)
    assert cache._current[(course_id, "es")] is latest
    assert cache._current[(course_id, "en")].version == latest.version
