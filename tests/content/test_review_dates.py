"""Review dates (issue 21 item 2): every lesson and handout says when its facts were checked,
and a time-sensitive one when to check it again; the loader refuses a file without them."""
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from lms.content.exporter import write_course
from lms.content.loader import ContentProblems, load_course
from tests.conftest import MINI_COURSE

COURSES = Path(__file__).parents[2] / "modules"
COURSE_FOLDERS = sorted(p for p in COURSES.iterdir() if (p / "course.yaml").is_file())
KASSA = re.compile(r"Keeping All Students Safe Act|KASSA")
# The day after the 119th Congress ends (3 January 2027): the bill must be introduced again.
NEW_CONGRESS = date(2027, 1, 4)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentProblems) as caught:
        load_course(folder)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def folder(tmp_path) -> Path:
    copy = tmp_path / "course"
    shutil.copytree(MINI_COURSE, copy)
    return copy


def test_a_lesson_without_reviewed_is_refused_with_its_path_and_line(folder):
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text("---\ntitle: Second lesson\nminutes: 4\n---\nThe second lesson.\n")
    assert problems_of(folder) == [
        f"{lesson}:2: missing required field `reviewed`: the date its facts were last checked "
        "(YYYY-MM-DD)"]


def test_a_handout_without_reviewed_is_refused_too(folder):
    handout = folder / "resources" / "01-checklist.md"
    handout.write_text("---\ntitle: The checklist\n---\n- Do this.\n")
    assert [p for p in problems_of(folder) if "`reviewed`" in p] == [
        f"{handout}:2: missing required field `reviewed`: the date its facts were last checked "
        "(YYYY-MM-DD)"]


@pytest.mark.parametrize(("front", "line", "message"), [
    ("reviewed: 2026-13-45", 4, "`reviewed` must be a date written YYYY-MM-DD: '2026-13-45'"),
    ("reviewed: last week", 4, "`reviewed` must be a date written YYYY-MM-DD: 'last week'"),
    ("reviewed: 2026-12-01 10:00:00", 4, "`reviewed` must be a date written YYYY-MM-DD"),
    ("reviewed: 2026-12-01\ncheck_again_by: 2026-12-01", 5,
     "`check_again_by` must be after `reviewed`"),
    ("reviewed: 2026-12-01\ncheck_again_for: the bill", 5,
     "`check_again_for` needs a `check_again_by` date"),
])
def test_bad_review_dates_are_reported_with_their_line(folder, front, line, message):
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text(f"---\ntitle: Second lesson\nminutes: 4\n{front}\n---\nText.\n")
    found = problems_of(folder)
    assert len(found) == 1 and found[0].startswith(f"{lesson}:{line}: {message}"), found


def test_a_quoted_date_is_read_as_the_date(folder):
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text("---\ntitle: Second lesson\nreviewed: '2026-12-01'\n"
                      "check_again_by: \"2027-01-04\"\ncheck_again_for: The bill\n---\nText.\n")
    data = load_course(folder).modules[0].lessons[1]
    assert (data.reviewed, data.check_again_by, data.check_again_for) == (
        date(2026, 12, 1), date(2027, 1, 4), "The bill")


def test_a_spanish_file_may_not_carry_dates_they_come_from_english(folder):
    spanish = folder / "01-basics" / "01-first-lesson.es.md"
    spanish.write_text(spanish.read_text().replace("---\n", "---\nreviewed: 2026-12-01\n", 1))
    assert any(f"{spanish}:2: unknown key 'reviewed'" in p for p in problems_of(folder))


def english_files(course: Path) -> list[Path]:
    return sorted(p for p in course.rglob("*.md")
                  if not p.name.endswith(".es.md") and p.name != "introduction.md")


def prose(path: Path) -> str:
    """The text a learner reads as the lesson's own words: front matter and Sources left out."""
    body = path.read_text().split("\n---\n", 1)[1]
    return body.split("## Sources")[0]


@pytest.mark.parametrize("course", COURSE_FOLDERS, ids=lambda p: p.name)
def test_every_lesson_and_handout_of_every_course_says_when_it_was_reviewed(course):
    data = load_course(course)
    items = [lesson for m in data.modules for lesson in m.lessons] + data.resources
    assert len(items) == len(english_files(course))
    unreviewed = [item.slug for item in items if item.reviewed is None]
    assert unreviewed == []
    assert all(item.reviewed <= date(2026, 12, 6) for item in items)
    for spanish in course.rglob("*.es.md"):  # dates are not text: English only
        assert "reviewed:" not in spanish.read_text().split("\n---\n", 1)[0], spanish


@pytest.mark.parametrize("course", COURSE_FOLDERS, ids=lambda p: p.name)
def test_every_lesson_on_the_kassa_says_to_check_it_again_when_the_new_congress_meets(course):
    data = load_course(course)
    by_path = {str(lesson.path): lesson for m in data.modules for lesson in m.lessons}
    on_kassa = [path for path in english_files(course) if KASSA.search(prose(path))
                and str(path) in by_path]
    for path in on_kassa:
        lesson = by_path[str(path)]
        assert lesson.check_again_by == NEW_CONGRESS, path
        assert lesson.check_again_for == "Keeping All Students Safe Act status (new Congress)"
    if course.name == "restraint-and-seclusion":
        assert {by_path[str(p)].slug for p in on_kassa} >= {
            "getting-help-and-the-law", "the-federal-principles", "meetings-and-your-rights"}


@pytest.mark.parametrize("course", COURSE_FOLDERS, ids=lambda p: p.name)
def test_statements_on_ocr_capacity_and_crdc_releases_have_a_date_to_check_again(course):
    data = load_course(course)
    items = {**{str(lesson.path): lesson for m in data.modules for lesson in m.lessons},
             **{str(course / "resources" / f"{r.position:02d}-{r.slug}.md"): r
                for r in data.resources}}
    for path in english_files(course):
        text = prose(path)
        timely = re.search(r"OCR('s)? (put|has|staff)|of OCR's staff|were released in 20", text)
        if timely:
            assert items[str(path)].check_again_by is not None, (path, timely.group(0))


def test_export_writes_the_dates_back_as_the_files_had_them(tmp_path):
    written = tmp_path / "out"
    write_course(load_course(MINI_COURSE), written)
    front = (written / "02-next-steps" / "01-act-now.md").read_text().split("\n---\n")[0]
    assert "reviewed: 2026-11-02\ncheck_again_by: 2027-01-04\n" in front
    assert "check_again_for: The bill's status" in front
    assert "reviewed: 2026-11-02" in (written / "resources" / "01-checklist.md").read_text()
    assert "reviewed" not in (written / "01-basics" / "01-first-lesson.es.md").read_text()
