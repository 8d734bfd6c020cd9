"""The English a translation was written from (issue 23 item 3): kept by its hash whenever a
translation is saved, confirmed, published or imported, so a Spanish editor can show what
changed in the English since the Spanish was written."""
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select

from lms.authoring.history import DiffLine, line_diff
from lms.authoring.models import EnglishSource, Revision
from lms.content.schema import CourseData
from lms.content.translations import (
    OUTDATED,
    Translated,
    course_sha,
    english_lines,
    lesson_sha,
    translated_items,
)
from lms.extensions import db


@dataclass(frozen=True)
class EnglishChange:
    """What changed in an item's English since its translation was written."""

    known: bool  # False: the English it was written from was never recorded
    lines: list[DiffLine]


def keep(course_id: int, items: list[Translated]) -> None:
    """Record each item's current English under its hash, unless it is recorded already (in the
    caller's transaction)."""
    if not items:
        return
    stored = set(db.session.execute(select(EnglishSource.kind, EnglishSource.slug,
                                           EnglishSource.sha256)
                                    .where(EnglishSource.course_id == course_id)).all())
    for item in items:
        key = (item.kind, item.slug, item.english_sha)
        if key not in stored:
            stored.add(key)
            db.session.add(EnglishSource(course_id=course_id, kind=item.kind, slug=item.slug,
                                         sha256=item.english_sha, lines=english_lines(item)))


def keep_translated(course_id: int, data: CourseData) -> None:
    """Record the English of every item that has a translation (at publish and import)."""
    keep(course_id, [item for item in translated_items(data)
                     if getattr(item.owner, item.attribute)])


def english_change(course_id: int, item: Translated, language: str) -> EnglishChange | None:
    """The diff from the English the translation was written from to the current English; None
    when the translation is not out of date."""
    if item.state(language) != OUTDATED:
        return None
    sha = item.text(language)["source_sha256"]
    old = _recorded(course_id, item, sha)
    if old is None:
        return EnglishChange(False, [])
    return EnglishChange(True, line_diff(old, english_lines(item)))


def _recorded(course_id: int, item: Translated, sha: str) -> list[str] | None:
    lines = db.session.scalar(select(EnglishSource.lines).where(
        EnglishSource.course_id == course_id, EnglishSource.kind == item.kind,
        EnglishSource.slug == item.slug, EnglishSource.sha256 == sha))
    if lines is not None:
        return lines
    return _from_revisions(course_id, item, sha)


# A translation written before sources were kept: a lesson's or the course's revisions may hold
# the English it was written from (their hash covers fields a revision keeps).
_REVISION_SHA = {
    "lesson": lambda c: lesson_sha(SimpleNamespace(title=c["title"], body_md=c["body_md"])),
    "course": lambda c: course_sha(SimpleNamespace(title=c["title"], summary=c["summary"])),
}


def _from_revisions(course_id: int, item: Translated, sha: str) -> list[str] | None:
    sha_of = _REVISION_SHA.get(item.kind)
    if sha_of is None:
        return None
    for content in db.session.scalars(select(Revision.content).where(
            Revision.course_id == course_id, Revision.kind == item.kind,
            Revision.slug == item.slug).order_by(Revision.number.desc())):
        if sha_of(content) == sha:
            owner = SimpleNamespace(**{**content, "body_md": content.get("body_md", "")})
            return english_lines(Translated(item.kind, item.slug, item.label, owner,
                                            item.attribute, sha))
    return None
