"""Text written outside a request (a worker, the importer) follows in_language()."""
from datetime import date

from flask import render_template
from flask_babel import gettext

from lms.catalogue.handouts import render_handout
from lms.content.loader import load_course
from lms.dates import long_date
from lms.i18n import in_language
from tests.conftest import MINI_COURSE


def test_a_printed_handout_says_its_language_and_its_source_line_in_it(app):
    course = load_course(MINI_COURSE)
    with app.app_context():
        with in_language("es"):
            html = render_template("courses/handout_print.html", course=course,
                                   resource=course.resources[0])
        english = render_template("courses/handout_print.html", course=course,
                                  resource=course.resources[0])
        assert render_handout(course, course.resources[0]).startswith(b"%PDF-")
    assert '<html lang="es">' in html and "Del curso «" in html
    assert '<html lang="en">' in english and "From the course “" in english


def test_dates_follow_the_language_they_are_written_in(app):
    with app.app_context():
        with in_language("es"):
            assert long_date(date(2027, 3, 6), weekday=True) == "sábado 6 de marzo de 2027"
        assert long_date(date(2027, 3, 6)) == "March 6, 2027"


def test_gettext_outside_a_request_is_english_unless_a_language_is_chosen(app):
    with app.app_context():
        assert gettext("Manage course") == "Manage course"  # a command: no request to ask
        with in_language("es"):
            assert gettext("Manage course") == "Gestionar el curso"
