"""Handouts as printable PDFs, rendered when the course is imported (never in a request)."""
from flask import Response, render_template
from flask_babel import force_locale

from lms.content.schema import CourseData, ResourceData
from lms.content.translations import TRANSLATED, localized
from lms.paper import page_rule, paper_size
from lms.pdf import render_pdf
from lms.storage import Delivery, file_storage
from lms.storage.keys import handout_key

PDF = "application/pdf"
HANDOUT_MAX_AGE = 300
# The page (size: the PAPER_SIZE setting, Letter or A4) comes first, from handout_css().
HANDOUT_CSS = """
@page { @bottom-center { content: counter(page); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 5pt; }
h2 { font-size: 11.5pt; margin: 9pt 0 3pt; }
p { margin: 0 0 4pt; }
ul, ol { margin: 2pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4pt; }
th, td { border: 1px solid #555; padding: 3pt 5pt; vertical-align: top; text-align: left; }
td { height: 16pt; }
blockquote { border-left: 3pt solid #555; margin: 6pt 0; padding: 2pt 8pt; }
.source { color: #444; font-size: 7.5pt; margin-top: 10pt; }
"""


# Letter is 17.6 mm shorter than A4: narrower top and bottom margins keep the one-page
# handouts on one page, in Spanish too (tests/i18n/test_locale_output.py).
MARGINS = {"letter": "10mm 14mm", "a4": "14mm 15mm"}


def handout_css(paper: str) -> str:
    return f"{page_rule(paper, margin=MARGINS[paper])}\n{HANDOUT_CSS}"


def render_handout(course: CourseData, resource: ResourceData) -> bytes:
    html = render_template("courses/handout_print.html", course=course, resource=resource)
    return render_pdf(html, handout_css(paper_size()), metadata={
        "title": resource.title, "authors": [course.organisation], "description": resource.summary,
    })


def write_handout_pdfs(course: CourseData) -> None:
    """Every handout's PDF in English and in each translated language (the English text where
    a handout has no translation yet, as its page shows), into the file store."""
    for resource in course.resources:
        file_storage().put(handout_key(course.slug, resource.slug),
                           render_handout(course, resource), PDF)
    for language in TRANSLATED:
        other = localized(course, language)
        with force_locale(language):
            for resource in other.resources:
                file_storage().put(handout_key(course.slug, resource.slug, language),
                                   render_handout(other, resource), PDF)


def handout_response(course_slug: str, slug: str, language: str) -> Response:
    """The handout's PDF, shown in place and cached a few minutes (a new edition replaces it);
    FileNotFoundError if it was never rendered, StorageUnavailable if the store is down."""
    return file_storage().respond(handout_key(course_slug, slug, language), Delivery(
        PDF, download_name=f"{slug}.pdf", private=False, max_age=HANDOUT_MAX_AGE))
