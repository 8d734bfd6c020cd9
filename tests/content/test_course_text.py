"""The real course in modules/: its shape, its sources, its handouts, and its reading level."""

import io
import re
import statistics

import pytest
import textstat
from markdown_it import MarkdownIt
from pypdf import PdfReader
from sqlalchemy import select

from lms.config import PROJECT_ROOT
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.courses.handouts import render_handout
from lms.courses.models import Course, GlossaryTerm, Resource
from lms.courses.services import load_outline
from lms.extensions import db

COURSE_DIR = PROJECT_ROOT / "modules"
MODULES = ["definitions", "risks", "alternatives", "if-it-happens"]
HANDOUTS = ["if-it-happened-today", "records-request-letter", "incident-notes-worksheet"]
_markdown = MarkdownIt("commonmark").enable("table")


def reading_text(body_md: str) -> str:
    """The lesson's prose as a reader meets it: Markdown rendered, tags dropped, no Sources."""
    prose = body_md.split("\n## Sources")[0]
    return re.sub(r"<[^>]+>", " ", _markdown.render(prose))


@pytest.fixture
def real_course(app):
    with app.app_context():
        import_course(load_course(COURSE_DIR))
        db.session.commit()
    return app


def test_course_has_four_modules_in_order_with_three_to_seven_lessons(real_course):
    with real_course.app_context():
        outline = load_outline()
        assert [m.slug for m in outline.modules] == MODULES
        for module in outline.modules:
            assert 3 <= len(module.lessons) <= 7, module.slug
            assert module.quiz is not None and len(module.quiz.questions) >= 5, module.slug
            for question in module.quiz.questions:
                assert question.explanation.strip(), question.key
                assert question.correct_indices, question.key
        assert outline.course.urgent_lesson_slug == outline.modules[3].lessons[0].slug


def test_every_lesson_has_sources_and_a_fitting_length(real_course):
    with real_course.app_context():
        for lesson in load_outline().lessons:
            assert "\n## Sources" in lesson.body_md, lesson.slug
            sources = lesson.body_md.split("\n## Sources")[1]
            assert re.search(r"^\s*[-*] ", sources, re.M), f"{lesson.slug}: empty Sources"
            words = len(reading_text(lesson.body_md).split())
            assert 400 <= words <= 900, f"{lesson.slug}: {words} words"


def test_glossary_links_in_lessons_all_resolve(real_course):
    with real_course.app_context():
        slugs = set(db.session.scalars(select(GlossaryTerm.slug)))
        for required in [
            "physical-restraint",
            "mechanical-restraint",
            "chemical-restraint",
            "seclusion",
            "iep",
            "section-504",
            "fba",
            "bip",
            "pbis",
            "ferpa",
            "ocr",
            "protection-and-advocacy",
            "kassa",
        ]:
            assert required in slugs
        for lesson in load_outline().lessons:
            for target in re.findall(r"\(/glossary#([a-z0-9-]+)\)", lesson.body_md):
                assert target in slugs, f"{lesson.slug} links to missing term {target}"


def test_internal_lesson_links_resolve(real_course):
    with real_course.app_context():
        outline = load_outline()
        slugs = {lesson.slug for lesson in outline.lessons}
        texts = [lesson.body_md for lesson in outline.lessons] + [outline.course.intro_md]
        for text in texts:
            for target in re.findall(r"\(/lessons/([a-z0-9-]+)", text):
                assert target in slugs, target


def test_handouts_exist_and_render_to_pdfs_with_their_titles(real_course):
    with real_course.app_context():
        course = db.session.scalar(select(Course))
        resources = {r.slug: r for r in db.session.scalars(select(Resource))}
        assert sorted(resources) == sorted(HANDOUTS)
        for slug in HANDOUTS:
            pdf = PdfReader(io.BytesIO(render_handout(course, resources[slug])))
            text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
            assert resources[slug].title in text, slug
            limit = 1 if slug == "if-it-happened-today" else 3  # "a one-page checklist"
            assert len(pdf.pages) <= limit, f"{slug} is {len(pdf.pages)} pages"
            assert pdf.metadata.title == resources[slug].title


def test_crisis_link_leads_to_the_first_lesson_of_module_four(real_course):
    client = real_course.test_client()
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'class="urgent-link" href="([^"]+)"', html).group(1)
    assert href == "/lessons/first-24-hours"
    assert client.get(href).status_code == 200


def test_reading_level_is_plain(capsys):
    grades = {}
    for path in sorted(COURSE_DIR.glob("0*/[0-9]*.md")):
        body = path.read_text().split("---", 2)[2]
        grades[f"{path.parent.name}/{path.name}"] = textstat.flesch_kincaid_grade(
            reading_text(body)
        )
    median = statistics.median(grades.values())
    with capsys.disabled():
        print("\nFlesch-Kincaid grade per lesson:")
        for name, grade in grades.items():
            print(f"  {grade:4.1f}  {name}")
        print(f"  median {median:.1f} over {len(grades)} lessons")
    too_hard = {name: grade for name, grade in grades.items() if grade > 9}
    assert too_hard == {}
    assert median <= 8
