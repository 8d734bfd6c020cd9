"""What a publish changes, item by item (issue 23 item 3): each lesson, module, quiz, handout,
glossary term, the course's own text and each Spanish text, with its text before and after as
lines. The publish page lists them from the draft; the publish records them (PublishedChange),
so the summary after it links each item to its diff for good."""
from dataclasses import dataclass

from sqlalchemy import select

from lms.authoring import history
from lms.authoring.history import SPANISH, SPANISH_KINDS
from lms.authoring.models import PublishedChange
from lms.content.schema import CourseData, ResourceData
from lms.content.translations import translated_items, translation_lines
from lms.extensions import db

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
KINDS = ("course", "introduction", "module", "lesson", "quiz", "handout", "term",
         *SPANISH_KINDS.values())


@dataclass(frozen=True)
class ItemChange:
    kind: str  # one of KINDS
    slug: str
    title: str
    change: str  # ADDED, CHANGED or REMOVED
    before: list[str]
    after: list[str]

    @property
    def lines(self) -> list[history.DiffLine]:
        return history.line_diff(self.before, self.after)


def _handout_lines(handout: ResourceData) -> list[str]:
    return [f"Title: {handout.title}", f"Summary: {handout.summary}",
            f"Before a meeting: {'yes' if handout.before_meeting else 'no'}",
            *history.review_lines(_review_content(handout)),
            "", *handout.body_md.splitlines()]


def _review_content(item) -> dict:
    return {"reviewed": item.reviewed.isoformat() if item.reviewed else None,
            "check_again_by": item.check_again_by.isoformat() if item.check_again_by else None,
            "check_again_for": item.check_again_for}


def item_texts(data: CourseData) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """Every item of the course as (title, lines), by (kind, slug), in course order."""
    texts = {("course", data.slug): (data.title, [
        *history.as_lines("course", history.course_content(data)), "", "Modules:",
        *(f"  {module.title}" for module in data.modules)])}
    if data.intro_md:
        texts[("introduction", data.slug)] = (data.intro_title, [
            f"Title: {data.intro_title}", "", *data.intro_md.splitlines()])
    for module in data.modules:
        texts[("module", module.slug)] = (module.title, [
            f"Title: {module.title}", "", *module.summary.splitlines(), "", "Lessons:",
            *(f"  {lesson.title}" for lesson in module.lessons)])
        for lesson in module.lessons:
            # A move shows in the modules' lists of lessons, not on every lesson of a renamed one.
            texts[("lesson", lesson.slug)] = (lesson.title, history.as_lines(
                "lesson", history.lesson_content(lesson)))
        if module.questions:
            texts[("quiz", module.slug)] = (module.title, history.as_lines(
                "quiz", history.quiz_content(module)))
    for handout in data.resources:
        texts[("handout", handout.slug)] = (handout.title, _handout_lines(handout))
    for term in data.glossary:
        texts[("term", term.slug)] = (term.term, [f"Term: {term.term}", "",
                                                  *term.definition_md.splitlines()])
    for item in translated_items(data):
        text = item.text(SPANISH)
        if text:
            texts[(SPANISH_KINDS[item.kind], item.slug)] = (item.label, [
                *translation_lines(item.kind, text), "",
                f"Written from the English text {str(text.get('source_sha256'))[:12]}"])
    return texts


def compare(before: CourseData, after: CourseData) -> list[ItemChange]:
    """Each item whose text differs between the two, in the order of after, removed ones last."""
    old, new = item_texts(before), item_texts(after)
    changes = []
    for (kind, slug), (title, lines) in new.items():
        if (kind, slug) not in old:
            changes.append(ItemChange(kind, slug, title, ADDED, [], lines))
        elif old[(kind, slug)][1] != lines:
            changes.append(ItemChange(kind, slug, title, CHANGED, old[(kind, slug)][1], lines))
    changes += [ItemChange(kind, slug, title, REMOVED, lines, [])
                for (kind, slug), (title, lines) in old.items() if (kind, slug) not in new]
    return changes


def find(changes: list[ItemChange], kind: str, slug: str) -> ItemChange | None:
    return next((c for c in changes if (c.kind, c.slug) == (kind, slug)), None)


def record(course_id: int, version: int, changes: list[ItemChange]) -> None:
    """Keep what a publish changed (in its transaction), under the version it published."""
    db.session.add_all(PublishedChange(
        course_id=course_id, version=version, kind=c.kind, slug=c.slug, title=c.title[:200],
        change=c.change, before=c.before, after=c.after) for c in changes)


def published(course_id: int, version: int) -> list[ItemChange]:
    """What the publish of that version changed, as recorded; empty when none is recorded."""
    rows = db.session.scalars(select(PublishedChange).where(
        PublishedChange.course_id == course_id, PublishedChange.version == version)
        .order_by(PublishedChange.id))
    return [ItemChange(r.kind, r.slug, r.title, r.change, r.before, r.after) for r in rows]
