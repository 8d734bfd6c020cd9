"""The real courses in modules/: their shape, sources, handouts and reading level. Every check on
what the text must say runs over each course folder in COURSES (issue 21: a catalogue)."""

import html
import io
import re
import statistics

import pytest
import textstat
from markdown_it import MarkdownIt
from pypdf import PdfReader
from sqlalchemy import select

from lms.catalogue.handouts import render_handout
from lms.catalogue.published import published_snapshot
from lms.config import PROJECT_ROOT
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.courses.models import Course, GlossaryTerm, Resource
from lms.extensions import db
from tests.helpers import only_course_id

MODULES_DIR = PROJECT_ROOT / "modules"
COURSE_DIR = MODULES_DIR / "restraint-and-seclusion"  # the parents' course, with its Spanish files
# What each course folder must hold. `one_page`: handouts promised as a one-page checklist.
# `urgent`: the (module, lesson index) the home page's "what to do now" link leads to, or None.
COURSES = {
    "restraint-and-seclusion": {
        "modules": ["definitions", "risks", "alternatives", "if-it-happens"],
        "handouts": ["if-it-happened-today", "records-request-letter",
                     "incident-notes-worksheet"],
        "one_page": {"if-it-happened-today"},
        "urgent": (3, 0),
    },
    "supporting-families": {
        "modules": ["working-with-families", "records-and-data", "complaints-and-follow-up"],
        "handouts": ["records-and-data-checklist"],
        "one_page": set(),
        "urgent": None,
    },
}
_markdown = MarkdownIt("commonmark").enable("table")


def reading_text(body_md: str) -> str:
    """The lesson's prose as a reader meets it: Markdown rendered, tags dropped, no Sources."""
    prose = body_md.split("\n## Sources")[0]
    return re.sub(r"<[^>]+>", " ", _markdown.render(prose))


def _import(app, slug: str):
    with app.app_context():
        import_course(load_course(MODULES_DIR / slug))
        db.session.commit()
    return app


@pytest.fixture(params=sorted(COURSES))
def course_slug(request) -> str:
    return request.param


@pytest.fixture
def real_course(app, course_slug):
    """The app with one real course imported: each test using it runs once per course."""
    return _import(app, course_slug)


@pytest.fixture
def parents_course(app):
    return _import(app, "restraint-and-seclusion")


def test_course_has_its_modules_in_order_with_three_to_seven_lessons(real_course, course_slug):
    expected = COURSES[course_slug]
    with real_course.app_context():
        snapshot = published_snapshot(only_course_id())
        assert snapshot.course.slug == course_slug
        assert [m.slug for m in snapshot.modules] == expected["modules"]
        for module in snapshot.modules:
            assert 3 <= len(module.lessons) <= 7, module.slug
            assert module.has_quiz and len(module.questions) >= 5, module.slug
            for question in module.questions:
                assert question.explanation.strip(), question.key
                assert question.correct_indices, question.key
        if expected["urgent"] is None:
            assert not snapshot.course.urgent_lesson
        else:
            module, lesson = expected["urgent"]
            assert snapshot.course.urgent_lesson == snapshot.modules[module].lessons[lesson].slug


def test_every_lesson_has_sources_and_a_fitting_length(real_course):
    with real_course.app_context():
        for lesson in published_snapshot(only_course_id()).lessons:
            assert "\n## Sources" in lesson.body_md, lesson.slug
            sources = lesson.body_md.split("\n## Sources")[1]
            assert re.search(r"^\s*[-*] ", sources, re.M), f"{lesson.slug}: empty Sources"
            words = len(reading_text(lesson.body_md).split())
            # 1,000: edition 2026.3 added what the reviews found missing (OCR's 2025 state,
            # going back to school, the months after) to Module 4, which already has the
            # most lessons a module may have (7).
            assert 400 <= words <= 1000, f"{lesson.slug}: {words} words"


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
        for lesson in published_snapshot(only_course_id()).lessons:
            for target in re.findall(r"\(/glossary#([a-z0-9-]+)\)", lesson.body_md):
                assert target in slugs, f"{lesson.slug} links to missing term {target}"


def test_internal_lesson_links_resolve(real_course):
    with real_course.app_context():
        outline = published_snapshot(only_course_id())
        slugs = {lesson.slug for lesson in outline.lessons}
        texts = [lesson.body_md for lesson in outline.lessons] + [outline.course.intro_md]
        for text in texts:
            for target in re.findall(r"\(/lessons/([a-z0-9-]+)", text):
                assert target in slugs, target


def test_handouts_exist_and_render_to_pdfs_with_their_titles(real_course, course_slug):
    handouts = COURSES[course_slug]["handouts"]
    with real_course.app_context():
        course = db.session.scalar(select(Course))
        resources = {r.slug: r for r in db.session.scalars(select(Resource))}
        assert sorted(resources) == sorted(handouts)
        for slug in handouts:
            pdf = PdfReader(io.BytesIO(render_handout(course, resources[slug])))
            text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
            assert resources[slug].title in text, slug
            limit = 1 if slug in COURSES[course_slug]["one_page"] else 3  # "a one-page checklist"
            assert len(pdf.pages) <= limit, f"{slug} is {len(pdf.pages)} pages"
            assert pdf.metadata.title == resources[slug].title


def test_crisis_link_leads_to_the_first_lesson_of_module_four(parents_course):
    client = parents_course.test_client()
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'class="urgent-link" href="([^"]+)"', html).group(1)
    assert href == "/courses/restraint-and-seclusion/lessons/first-24-hours"
    assert client.get(href).status_code == 200


def english(paths) -> list:
    """The English files only: a Spanish one (name.es.md) sits beside each (docs/CONTENT.md)."""
    return sorted(path for path in paths if not path.name.endswith(".es.md"))


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_reading_level_is_plain(capsys, slug):
    grades = {}
    for path in lesson_files(MODULES_DIR / slug):
        body = path.read_text().split("---", 2)[2]
        grades[f"{path.parent.name}/{path.name}"] = textstat.flesch_kincaid_grade(
            reading_text(body)
        )
    median = statistics.median(grades.values())
    with capsys.disabled():
        print(f"\nFlesch-Kincaid grade per lesson ({slug}):")
        for name, grade in grades.items():
            print(f"  {grade:4.1f}  {name}")
        print(f"  median {median:.1f} over {len(grades)} lessons")
    too_hard = {name: grade for name, grade in grades.items() if grade > 9}
    assert too_hard == {}
    assert median <= 8


# --- Second edition (issue 11): checks on what the text must say -------------------------------

def lesson_files(course_dir) -> list:
    return english(course_dir.glob("0*/[0-9]*.md"))


def handout_files(course_dir) -> list:
    return english((course_dir / "resources").glob("[0-9]*.md"))


# The deadline lists a parent (or an advocate helping one) may read in a hurry, per course. Each
# must carry the notice-of-claim warning, and so must any other lesson or handout that gives a
# 180-day deadline (OCR, FERPA, DOJ), as a parent of an injured child would otherwise take
# 180 days for the shortest clock.
DEADLINE_LISTS = {
    "restraint-and-seclusion": [
        "resources/01-if-it-happened-today.md",
        "resources/03-incident-notes-worksheet.md",
        "04-if-it-happens/06-complaints-and-deadlines.md",
    ],
    "supporting-families": [
        "resources/01-records-and-data-checklist.md",
        "03-complaints-and-follow-up/01-writing-a-state-complaint.md",
    ],
}
NOTICE_OF_CLAIM_WARNING = [r"notice of claim", r"90 days", r"6 months", r"lawyer", r"weeks"]
# The same warning in the Spanish files, which give the English term beside the Spanish one.
NOTICE_OF_CLAIM_WARNING_ES = [r"aviso (formal )?de reclamo \(notice of claim\)", r"90 días",
                              r"6 meses", r"abogad[oa]", r"semanas"]

# Terms a parent may not know. When a lesson's prose (or the introduction) uses the phrase on the
# left (whole words, any case), the glossary must define the slug on the right. Add a row when a
# lesson starts using a new term of art.
GLOSSARY_TERMS = {
    r"physical(ly)? restrain(t|ed)": "physical-restraint",
    r"mechanical(ly)? restrain(t|ed)": "mechanical-restraint",
    r"chemical restraint": "chemical-restraint",
    r"seclusion": "seclusion",
    r"physical escort": "physical-escort",
    r"time-out": "time-out",
    r"prone": "prone-restraint",
    r"supine": "supine-restraint",
    r"de-escalation": "de-escalation",
    r"imminent": "imminent-danger",
    r"isolation": "isolation",
    r"IEP": "iep",
    r"Section 504|504 plan": "section-504",
    r"FBA|functional behavioral assessment": "fba",
    r"BIP|behavior intervention plan": "bip",
    r"PBIS": "pbis",
    r"trauma-informed": "trauma-informed",
    r"FERPA": "ferpa",
    r"education records?": "education-record",
    r"IDEA": "idea",
    r"FAPE|free appropriate public education": "fape",
    r"OCR|Office for Civil Rights": "ocr",
    r"CRDC|Civil Rights Data Collection": "crdc",
    r"Protection & Advocacy|P&A": "protection-and-advocacy",
    r"Parent Training and Information Center": "parent-training-and-information-center",
    r"Keeping All Students Safe Act|KASSA": "kassa",
    r"SAMHSA": "samhsa",
    r"state complaint": "state-complaint",
    r"due process": "due-process-complaint",
    r"prior written notice": "prior-written-notice",
    r"mediation": "mediation",
    r"impartial hearing officer": "impartial-hearing-officer",
    r"waiver": "waiver",
    r"Title II": "ada-title-ii",
    r"less restrictive": "less-restrictive",
    r"evaluat(e|ed|ion)": "evaluation",
    r"placement": "placement",
    r"child find": "child-find",
    r"independent educational evaluation": "independent-educational-evaluation",
    r"manifestation determination": "manifestation-determination",
    r"stay-put": "stay-put",
    r"child protective services": "child-protective-services",
    r"school resource officers?|SROs?": "school-resource-officer",
    r"notice of claim": "notice-of-claim",
    r"psychiatric residential treatment facilit(y|ies)":
        "psychiatric-residential-treatment-facility",
}
# Terms only one course's lessons use, checked as strictly as GLOSSARY_TERMS for that course.
COURSE_GLOSSARY_TERMS = {
    "restraint-and-seclusion": {},
    "supporting-families": {
        r"mandated reporters?": "mandated-reporter",
        r"compensatory services": "compensatory-services",
    },
}

# The 2012 Resource Document is cited in most lessons; every citation uses this one address.
RESOURCE_DOCUMENT_URL = (
    "https://sites.ed.gov/idea/idea-files/restraint-and-seclusion-resource-document/"
)


def _name(path) -> str:
    return f"{path.parent.name}/{path.name}"


def _body(path) -> str:
    return path.read_text().split("---", 2)[2]


def _prose(body_md: str) -> str:
    """reading_text with HTML entities decoded, so "P&amp;A" reads as "P&A"."""
    return " ".join(html.unescape(reading_text(body_md)).split())


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_every_deadline_list_carries_the_notice_of_claim_warning(slug):
    course_dir = MODULES_DIR / slug
    files = {_name(p): _body(p) for p in lesson_files(course_dir) + handout_files(course_dir)}
    for name in DEADLINE_LISTS[slug]:
        assert name in files, f"deadline list {name} is missing"
    lists = set(DEADLINE_LISTS[slug]) | {
        name for name, body in files.items() if re.search(r"\b180 days\b", _prose(body))
    }
    for name in sorted(lists):
        prose = _prose(files[name])
        for pattern in NOTICE_OF_CLAIM_WARNING:
            assert re.search(pattern, prose, re.I), (
                f"{slug}/{name}: notice-of-claim warning lacks {pattern!r}")


def test_every_spanish_deadline_list_carries_the_notice_of_claim_warning():
    for name in DEADLINE_LISTS["restraint-and-seclusion"]:
        prose = _prose(_body(COURSE_DIR / name.replace(".md", ".es.md")))
        for pattern in NOTICE_OF_CLAIM_WARNING_ES:
            assert re.search(pattern, prose, re.I), (
                f"{name} (Spanish): notice-of-claim warning lacks {pattern!r}")


@pytest.mark.parametrize("course", sorted(COURSES))
def test_every_glossary_term_used_in_a_lesson_is_defined(course):
    course_dir = MODULES_DIR / course
    terms = {**GLOSSARY_TERMS, **COURSE_GLOSSARY_TERMS[course]}
    defined = {term.slug for term in load_course(course_dir).glossary}
    for slug in terms.values():
        assert slug in defined, f"{course}/glossary.yaml does not define {slug}"
    texts = {_name(p): _prose(_body(p)) for p in lesson_files(course_dir)}
    texts["introduction.md"] = _prose(_body(course_dir / "introduction.md"))
    missing = set()
    for name, prose in texts.items():
        for pattern, slug in terms.items():
            if re.search(rf"\b(?:{pattern})\b", prose, re.I) and slug not in defined:
                missing.add(f"{name} uses {pattern!r} but the glossary has no {slug}")
    assert not missing, sorted(missing)


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_the_resource_document_has_one_link_and_no_dropped_sources(slug):
    for path in lesson_files(MODULES_DIR / slug):
        sources = _body(path).split("\n## Sources")[1]
        for line in sources.splitlines():
            if "Restraint and Seclusion: Resource Document" in line:
                assert RESOURCE_DOCUMENT_URL in line and "2012" in line, f"{_name(path)}: {line}"
            assert "Victoria" not in line, f"{_name(path)} cites the Victorian adaptation"
            assert "as reported by" not in line, f"{_name(path)} cites data through a summary"


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_quiz_explanations_cite_a_lesson(slug):
    for module in load_course(MODULES_DIR / slug).modules:
        for question in module.questions:
            assert re.search(r"\(.*Lesson \d", question.explanation), question.key


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_american_spelling_and_imminent_danger(slug):
    course_dir = MODULES_DIR / slug
    british = r"\b(realis|recognis|organis|behaviour|colour|maths|centre\b(?! for Mental))"
    for path in lesson_files(course_dir) + handout_files(course_dir) + [
        course_dir / "introduction.md"
    ]:
        prose = _prose(_body(path))
        assert not re.search(british, prose, re.I), f"{_name(path)}: British spelling"
        assert not re.search(r"immediate danger", prose, re.I), f"{_name(path)}: say 'imminent'"
    for quiz in course_dir.glob("0*/quiz.yaml"):
        assert "immediate danger" not in quiz.read_text(), quiz
