"""The words of an import's or a publish's summary: a number with the right form of its noun, in
English for the command line and in the reader's language on a page."""
from lms.content.importer import Changes
from lms.i18n import in_language


def changes(**counts) -> Changes:
    return Changes({key.replace("_", " "): count for key, count in counts.items()})


def test_english_says_one_lesson_and_two_lessons():
    assert changes(lessons_updated=1).summary() == "1 lesson updated"
    assert changes(lessons_updated=2).summary() == "2 lessons updated"
    assert changes(course_created=1, modules_created=1, questions_created=1,
                   quizzes_created=1).summary() == (
        "1 course created, 1 module created, 1 question created, 1 quiz created")
    assert changes(quizzes_created=3, glossary_terms_removed=2).summary() == (
        "2 glossary terms removed, 3 quizzes created")
    assert Changes().summary() == "no changes"


def test_a_page_says_it_in_the_readers_language(app):
    with app.test_request_context():
        with in_language("es"):
            assert changes(lessons_updated=1).said() == "1 lección actualizada"
            assert changes(lessons_updated=2).said() == "2 lecciones actualizadas"
            assert changes(modules_created=1, questions_created=2).said() == (
                "1 módulo creado, 2 preguntas creadas")
            assert Changes().said() == "sin cambios"
        with in_language("en"):
            assert changes(lessons_updated=1).said() == "1 lesson updated"
            assert changes(lessons_updated=2).said() == "2 lessons updated"


def test_a_kind_without_words_yet_still_shows_its_count():
    assert changes(widgets_polished=2).summary() == "2 widgets polished"
