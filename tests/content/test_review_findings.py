"""The law and plain-language reviews' findings (../shared/reviews/content.md and spanish.md),
each checked in the course files so that it cannot come back unnoticed."""
from pathlib import Path

import pytest

COURSE = Path(__file__).resolve().parents[2] / "modules" / "restraint-and-seclusion"
URGENT = COURSE / "04-if-it-happens" / "01-first-24-hours"
COMPLAINTS = COURSE / "04-if-it-happens" / "06-complaints-and-deadlines"


def text(path: Path, language: str = "en") -> str:
    suffix = ".md" if language == "en" else f".{language}.md"
    return path.with_name(path.name + suffix).read_text()


def every_file(pattern: str) -> list[Path]:
    return sorted(p for p in COURSE.rglob(pattern) if p.is_file())


@pytest.mark.parametrize("language, warning, window", [
    ("en", "Do not rely on OCR alone", "1-year"),
    ("es", "No dependa solo de la OCR", "1 año"),
])
def test_ocr_is_never_the_only_complaint_route(language, warning, window):
    """Harm-level (content.md): OCR lost staff and offices in 2025 and dismisses most complaints;
    a parent who relies on it alone can miss the state-complaint or injury-claim deadlines."""
    lesson = text(COMPLAINTS, language)
    assert warning in lesson
    box = lesson[lesson.index(warning):].split("\n\n")[0]
    assert window in box and "90" in box


def test_the_safety_bill_is_not_called_a_bill_in_congress():
    """A bill "in Congress" stops being true when the Congress ends (3 January 2027)."""
    stale = [str(p) for p in every_file("*.md") + every_file("*.yaml")
             if "bill in Congress" in p.read_text()]
    assert stale == []


@pytest.mark.parametrize("language, deadline", [("en", "90 days"), ("es", "90 días")])
def test_the_urgent_lesson_itself_gives_the_injury_claim_deadline(language, deadline):
    steps = text(URGENT, language).split("\n## ")[1]  # the first section: the urgent steps
    assert "/glossary#notice-of-claim" in steps and deadline in steps


def test_the_urgent_lesson_covers_going_back_and_not_retelling():
    """Module 4 gaps (spanish.md): a safety plan before going back; the story told once."""
    english, spanish = text(URGENT), text(URGENT, "es")
    assert "## Before your child goes back to school" in english
    assert "## Antes de que su hijo vuelva a la escuela" in spanish
    assert "try not to have your child tell the story again and again" in english


def test_the_crisis_line_says_how_to_reach_it_in_spanish():
    """Fix first (spanish.md): how to reach 988 in Spanish, in the crisis steps."""
    assert "marque 2" in text(URGENT, "es")


def test_removals_are_never_translated_as_class_exits():
    """Fix first (spanish.md): "salidas de clase" let a parent leave out suspension days."""
    wrong = [str(p) for p in every_file("*.es.*") if "salidas de clase" in p.read_text()]
    assert wrong == []
