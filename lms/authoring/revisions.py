"""Revision history of lessons, quizzes and the course's own fields: record, list, compare."""
import difflib
import itertools
from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select

from lms.authoring.models import Revision
from lms.extensions import db

KINDS = ("lesson", "quiz", "course")
BASELINE_NOTE = "As it was before this edit (published or imported)"


class EditConflict(Exception):
    """Someone saved a newer revision since the form was opened; the save was refused."""

    def __init__(self, current: int):
        super().__init__(f"revision {current} was saved meanwhile")
        self.current = current


def latest(course_id: int, kind: str, slug: str) -> Revision | None:
    return db.session.scalar(
        select(Revision).where(Revision.course_id == course_id, Revision.kind == kind,
                               Revision.slug == slug)
        .order_by(Revision.number.desc()).limit(1))


def latest_number(course_id: int, kind: str, slug: str) -> int:
    return db.session.scalar(select(func.coalesce(func.max(Revision.number), 0)).where(
        Revision.course_id == course_id, Revision.kind == kind, Revision.slug == slug))


def history(course_id: int, kind: str, slug: str) -> list[Revision]:
    return list(db.session.scalars(
        select(Revision).where(Revision.course_id == course_id, Revision.kind == kind,
                               Revision.slug == slug)
        .order_by(Revision.number.desc())))


def get_revision(course_id: int, kind: str, slug: str, number: int) -> Revision:
    revision = db.session.scalar(select(Revision).where(
        Revision.course_id == course_id, Revision.kind == kind, Revision.slug == slug,
        Revision.number == number))
    return revision or abort(404)


def record(course_id: int, kind: str, slug: str, *, before: dict | None, after: dict,
           author_id: int, note: str = "", expected: int | None = None) -> Revision:
    """Check the form's revision number, keep the state found before if it was never kept
    (published or imported text), then add the new state as the next revision."""
    last = latest(course_id, kind, slug)
    number = last.number if last else 0
    if expected is not None and expected != number:
        raise EditConflict(number)
    if before is not None and (last is None or last.content != before):
        number += 1
        db.session.add(Revision(course_id=course_id, kind=kind, slug=slug, number=number,
                                content=before, author_id=None, note=BASELINE_NOTE))
    revision = Revision(course_id=course_id, kind=kind, slug=slug, number=number + 1,
                        content=after, author_id=author_id, note=note[:200])
    db.session.add(revision)
    return revision


def as_lines(kind: str, content: dict) -> list[str]:
    """A revision as plain text lines, for reading and comparing."""
    if kind == "lesson":
        handouts = ", ".join(content.get("resources") or []) or "none"
        head = [f"Title: {content['title']}", f"Minutes: {content['minutes']}",
                f"Handouts: {handouts}",
                f"Before a meeting: {'yes' if content.get('before_meeting') else 'no'}",
                *_review_lines(content), ""]
        return head + content["body_md"].splitlines()
    if kind == "quiz":
        lines = [f"Quiz title: {content['title']}"]
        for number, q in enumerate(content["questions"], start=1):
            lines += ["", f"Question {number} [{q['key']}]: {q['prompt']}"]
            lines += [f"  {'(correct) ' if c['correct'] else ''}{c['text']}" for c in q["choices"]]
            lines.append(f"  Why: {q['explanation']}")
        return lines
    return [f"Title: {content['title']}", f"Pass mark: {content['pass_mark']}%", "",
            *content["summary"].splitlines()]


def _review_lines(content: dict) -> list[str]:
    """Review dates (issue 21), in revisions saved since they exist."""
    if "reviewed" not in content:
        return []
    check = content.get("check_again_by") or "not set"
    if content.get("check_again_for"):
        check += f" ({content['check_again_for']})"
    return [f"Review date: {content.get('reviewed') or 'not set'}", f"Next check: {check}"]


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added", "removed", "same" or "gap"
    text: str


def diff(kind: str, old: dict, new: dict) -> list[DiffLine]:
    """Line changes from old to new with three lines of context; "gap" marks skipped lines."""
    lines = []
    raw_lines = difflib.unified_diff(as_lines(kind, old), as_lines(kind, new), lineterm="", n=3)
    # The first two lines name the files ("--- ", "+++ "); a body line may look the same.
    for raw in itertools.islice(raw_lines, 2, None):
        if raw.startswith("@@"):
            lines.append(DiffLine("gap", ""))
            continue
        change = {"+": "added", "-": "removed"}.get(raw[:1], "same")
        lines.append(DiffLine(change, raw[1:]))
    return lines
