"""US conventions by default (issue 23.2): Letter paper, "December 6, 2026", the organisation's
time zone; A4 and another zone by setting; Spanish dates as Spanish writes them."""
import io
from datetime import UTC, date, datetime

import pypdf
import pytest

from lms.catalogue.handouts import render_handout
from lms.certificates.facts import CertificateFacts
from lms.certificates.pdf import render_certificate_pdf
from lms.certificates.services import issue_certificate
from lms.content.loader import load_course
from lms.content.translations import localized
from lms.courses.models import Course
from lms.dates import date_time, long_date
from lms.extensions import db
from lms.i18n import in_language
from tests.conftest import MINI_COURSE, PASSWORD
from tests.content.test_course_text import COURSES, MODULES_DIR
from tests.factories import make_user

LETTER = (612, 792)  # points
A4 = (595, 842)
# 17:00 UTC is noon in New York: the same day in every zone the tests use.
COMPLETED = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)


def _size(page) -> tuple[int, int]:
    box = page.mediabox
    return tuple(sorted((round(float(box.width)), round(float(box.height)))))


def _certificate_pdf(app, course, language="en") -> pypdf.PdfReader:
    with app.app_context():
        learner = make_user("learner@example.org", "Lee Learner", PASSWORD)
        learner.language = language
        certificate = issue_certificate(learner.id, db.session.get(Course, course), COMPLETED)
        db.session.commit()
        pdf = render_certificate_pdf(CertificateFacts.of(certificate))
    return pypdf.PdfReader(io.BytesIO(pdf))


def _handout_pdf(app) -> pypdf.PdfReader:
    course = load_course(MINI_COURSE)
    with app.app_context():
        return pypdf.PdfReader(io.BytesIO(render_handout(course, course.resources[0])))


def test_a_certificate_is_one_us_letter_page_dated_the_us_way(app, course):
    pdf = _certificate_pdf(app, course)
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    assert _size(page) == LETTER and page.mediabox.width > page.mediabox.height  # landscape
    assert "completed on December 6, 2026" in " ".join(page.extract_text().split())


def test_a_spanish_certificate_is_dated_as_spanish_writes_it(app, course):
    text = " ".join(_certificate_pdf(app, course, "es").pages[0].extract_text().split())
    assert "6 de diciembre de 2026" in text


def test_a_handout_is_printed_on_us_letter(app):
    pdf = _handout_pdf(app)
    assert {_size(page) for page in pdf.pages} == {LETTER}


@pytest.fixture
def app_config(app_config, request):
    return {**app_config, **getattr(request, "param", {})}  # a test's own settings


@pytest.mark.parametrize("app_config", [{"PAPER_SIZE": "a4"}], indirect=True)
def test_a4_when_the_setting_says_so(app, course):
    assert _size(_certificate_pdf(app, course).pages[0]) == A4
    assert {_size(page) for page in _handout_pdf(app).pages} == {A4}


def test_dates_in_each_language(app):
    with app.app_context():
        assert long_date(date(2026, 12, 6)) == "December 6, 2026"
        assert long_date(date(2026, 12, 11), weekday=True) == "Friday, December 11, 2026"
        with in_language("es"):
            assert long_date(date(2026, 12, 6)) == "6 de diciembre de 2026"
            assert long_date(date(2026, 12, 11), weekday=True) == "viernes 11 de diciembre de 2026"


def test_a_moment_is_shown_in_the_organisations_time_zone(app):
    late = datetime(2026, 12, 7, 4, 53, tzinfo=UTC)  # still December 6 in New York
    with app.app_context():
        assert long_date(late) == "December 6, 2026"
        assert date_time(late) == "December 6, 2026, 11:53 PM EST"
        assert date_time(datetime(2026, 7, 1, 16, 5, tzinfo=UTC)) == "July 1, 2026, 12:05 PM EDT"
        with in_language("es"):
            assert date_time(late) == "6 de diciembre de 2026, 23:53 EST"
        app.config["ORGANISATION_TIME_ZONE"] = "America/Los_Angeles"
        assert date_time(late) == "December 6, 2026, 8:53 PM PST"


@pytest.mark.parametrize("app_config", [{"PAPER_SIZE": "letter"}, {"PAPER_SIZE": "a4"}],
                         indirect=True)
@pytest.mark.parametrize("language", ["en", "es"])
def test_one_page_handouts_stay_one_page_on_either_paper_in_either_language(app, language):
    for slug, expected in COURSES.items():
        course = localized(load_course(MODULES_DIR / slug), language)
        with app.app_context(), in_language(language):
            for resource in course.resources:
                if resource.slug in expected["one_page"]:
                    pdf = pypdf.PdfReader(io.BytesIO(render_handout(course, resource)))
                    assert len(pdf.pages) == 1, (slug, resource.slug, language)
