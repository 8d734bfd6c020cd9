"""Text written outside a request (a worker, the importer) follows in_language()."""
from datetime import date

from flask import render_template, render_template_string
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


def test_a_template_switches_language_inside_a_request_and_back(app):
    """Templates keep the catalog once per request and locale: a text written in another
    language during a request (an email to a Spanish reader) is in that language, and the
    page after it in the page's own."""
    template = "{{ _('Mark as complete') }} {% trans %}Log in{% endtrans %}"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert render_template_string(template) == "Mark as complete Log in"
        with in_language("es"):
            assert render_template_string(template) == "Marcar como completada Iniciar sesión"
        assert render_template_string(template) == "Mark as complete Log in"
    with app.test_request_context("/?lang=es"):
        assert render_template_string(template) == "Marcar como completada Iniciar sesión"


def test_template_text_is_translated_and_escaped_where_the_template_escapes(app):
    """The templates' gettext, ngettext and pgettext (lms/i18n.py): translated, formatted with
    their variables, and the variables escaped only where the template escapes, in a loop as
    outside one."""
    page = ("{% for n in [1, 2] %}{{ _('Question %(number)s.', number=name) }}|"
            "{{ ngettext('This quiz asks %(num)s question.', 'This quiz asks %(num)s questions.',"
            " n) }}|{{ pgettext('meeting date', 'passed') }}|{% endfor %}"
            "{% autoescape false %}{{ _('Question %(number)s.', number=name) }}{% endautoescape %}"
            "{% trans %}Question {{ name }}.{% endtrans %}")
    with app.test_request_context():
        english = render_template_string(page, name="<b>")
        with in_language("es"):
            spanish = render_template_string(page, name="<b>")
    assert english == ("Question &lt;b&gt;.|This quiz asks 1 question.|passed|"
                       "Question &lt;b&gt;.|This quiz asks 2 questions.|passed|"
                       "Question <b>.Question &lt;b&gt;.")
    assert spanish.startswith("Pregunta &lt;b&gt;.|Este cuestionario tiene 1 pregunta.|ya pasó|")
    assert "Este cuestionario tiene 2 preguntas." in spanish
    assert "Pregunta <b>." in spanish
