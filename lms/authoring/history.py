"""Revision history of lessons, quizzes and the course's own fields: what a revision holds of
each, record, list, compare, and restore an old revision into the draft."""
import difflib
import itertools
from dataclasses import asdict, dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, select

from lms.authoring.draft import (
    MAX_PER_LIST,
    AuthoringError,
    all_lessons,
    change_draft,
    find_module,
    normalise_body,
    working_copy,
)
from lms.authoring.models import Revision
from lms.content.schema import (
    LESSON_CONTENT,
    LESSON_CONTENT_DEFAULTS,
    REVIEW_DATES,
    CourseData,
    LessonData,
    ModuleData,
    QuestionData,
    from_iso,
)
from lms.content.translations import Translated, translated_items, translation_lines
from lms.courses.models import Course, Lesson, Module
from lms.extensions import db
from lms.refusal import N_

# A translation's revisions are kept under its own kind: "lesson-es" holds the Spanish of a
# lesson (the translation dict, its source_sha256 included), by the English item's slug.
SPANISH = "es"
SPANISH_KINDS = {"lesson": "lesson-es", "module": "module-es", "quiz": "quiz-es",
                 "handout": "handout-es", "term": "term-es", "course": "course-es",
                 "introduction": "intro-es"}
TRANSLATED_KIND = {revision_kind: kind for kind, revision_kind in SPANISH_KINDS.items()}
KINDS = ("lesson", "quiz", "course", *SPANISH_KINDS.values())
BASELINE_NOTE = "As it was before this edit (published or imported)"


class EditConflict(Exception):
    """Someone saved a newer revision since the form was opened; the save was refused."""

    def __init__(self, current: int):
        super().__init__(f"revision {current} was saved meanwhile")
        self.current = current


def lesson_content(lesson: LessonData) -> dict:
    return {name: _copy(getattr(lesson, name)) for name in LESSON_CONTENT}


def apply_lesson_content(lesson: LessonData, content: dict) -> None:
    for name in LESSON_CONTENT:
        setattr(lesson, name, _copy(content.get(name, LESSON_CONTENT_DEFAULTS.get(name))))
    lesson.body_md = normalise_body(lesson.body_md)
    apply_review_dates(lesson)


def _copy(value):
    # Review dates are "YYYY-MM-DD" in a revision's JSON; the lesson holds dates.
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, list) else value


def apply_review_dates(lesson) -> None:
    """Content from JSON or a form holds the review dates as text or dates; the lesson (or
    handout) holds dates."""
    for name in REVIEW_DATES:
        setattr(lesson, name, from_iso(getattr(lesson, name)))
    lesson.check_again_for = lesson.check_again_for or ""


def quiz_content(module: ModuleData) -> dict:
    return {"title": module.quiz_title or "Check what you learned", "ask": module.quiz_ask,
            "questions": [asdict(q) for q in module.questions]}


def apply_quiz_content(module: ModuleData, content: dict) -> None:
    """Also a revision saved before quizzes had `ask` and lessons: it asks every question."""
    module.quiz_title = content["title"] if content["questions"] else None
    module.quiz_ask = content.get("ask")
    module.questions = [QuestionData(**q) for q in content["questions"]]


def course_content(data: CourseData) -> dict:
    return {"title": data.title, "summary": data.summary, "pass_mark": data.pass_mark}


def apply_course_content(data: CourseData, content: dict) -> None:
    data.title, data.summary = content["title"], content["summary"]
    data.pass_mark = content["pass_mark"]


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
    if kind in TRANSLATED_KIND:
        return translation_lines(TRANSLATED_KIND[kind], content)
    if kind == "lesson":
        handouts = ", ".join(content.get("resources") or []) or "none"
        head = [f"Title: {content['title']}", f"Minutes: {content['minutes']}",
                f"Handouts: {handouts}",
                f"Before a meeting: {'yes' if content.get('before_meeting') else 'no'}",
                *review_lines(content), ""]
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


def review_lines(content: dict) -> list[str]:
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
    """Line changes from revision old to revision new (see line_diff)."""
    return line_diff(as_lines(kind, old), as_lines(kind, new))


def line_diff(old: list[str], new: list[str]) -> list[DiffLine]:
    """Line changes from old to new with three lines of context; "gap" marks skipped lines.
    The text is plain: templates escape it."""
    lines = []
    raw_lines = difflib.unified_diff(old, new, lineterm="", n=3)
    # The first two lines name the files ("--- ", "+++ "); a body line may look the same.
    for raw in itertools.islice(raw_lines, 2, None):
        if raw.startswith("@@"):
            # "@@ -start,count ...": no gap mark before a first change that starts at line 1.
            if lines or int(raw[4:].split(",")[0].split(" ")[0]) > 1:
                lines.append(DiffLine("gap", ""))
            continue
        change = {"+": "added", "-": "removed"}.get(raw[:1], "same")
        lines.append(DiffLine(change, raw[1:]))
    return lines


def exists(course: Course, kind: str, slug: str) -> bool:
    """Whether the course has (or had) this lesson, module quiz or course; for history pages."""
    if kind in ("course", "course-es", "intro-es"):
        return slug == course.slug
    if kind in TRANSLATED_KIND:
        data, _ = working_copy(course)
        return _translated(data, TRANSLATED_KIND[kind], slug) is not None
    model = Lesson if kind == "lesson" else Module
    data, _ = working_copy(course)
    in_draft = {lesson.slug for lesson in all_lessons(data)} if kind == "lesson" else {
        module.slug for module in data.modules}
    return slug in in_draft or db.session.scalar(select(model.id).where(
        model.course_id == course.id, model.slug == slug)) is not None


def restore(course: Course, user_id: int, kind: str, slug: str, number: int) -> int:
    """Copy an old revision into the draft as a new revision; returns the new number.

    A retired lesson comes back at the end of its old module (or the last module)."""
    old = get_revision(course.id, kind, slug, number)

    def mutate(data: CourseData) -> int:
        before, apply = _target(course, data, kind, slug)
        revision = record(course.id, kind, slug, before=before, after=old.content,
                          author_id=user_id, note=f"Restored revision {number}")
        apply(old.content)
        return revision.number
    return change_draft(course, user_id, mutate)


def _target(course: Course, data: CourseData, kind: str, slug: str):
    """The current content of an entity in data, and a function that replaces it."""
    if kind in TRANSLATED_KIND:
        item = _translated(data, TRANSLATED_KIND[kind], slug)
        if item is None:
            raise AuthoringError(N_("That item is no longer in the draft, so its Spanish text "
                                    "cannot be restored."))
        texts = getattr(item.owner, item.attribute)

        def put(content):
            texts[SPANISH] = dict(content)
        return texts.get(SPANISH), put
    if kind == "course":
        return course_content(data), lambda c: apply_course_content(data, c)
    if kind == "quiz":
        module = find_module(data, slug)
        return quiz_content(module), lambda c: apply_quiz_content(module, c)
    lesson = next((each for each in all_lessons(data) if each.slug == slug), None)
    if lesson is None:
        lesson = LessonData.blank(slug)
        _home_module(course, data, slug).lessons.append(lesson)
        return None, lambda c: apply_lesson_content(lesson, c)
    return lesson_content(lesson), lambda c: apply_lesson_content(lesson, c)


def _translated(data: CourseData, kind: str, slug: str) -> Translated | None:
    return next((item for item in translated_items(data)
                 if (item.kind, item.slug) == (kind, slug)), None)


def record_spanish(course_id: int, kind: str, slug: str, before: dict | None, after: dict,
                   author_id: int, note: str = "") -> None:
    """A translation's edit in the history, like an English one (kind as in Translated)."""
    history_kind = SPANISH_KINDS[kind]
    record(course_id, history_kind, slug, before=dict(before) if before else None,
           after=dict(after), author_id=author_id, note=note)


def _home_module(course: Course, data: CourseData, lesson_slug: str) -> ModuleData:
    row = db.session.scalar(select(Lesson).where(Lesson.course_id == course.id,
                                                 Lesson.slug == lesson_slug))
    old = row.module.slug if row else None
    module = next((m for m in data.modules if m.slug == old), data.modules[-1])
    if len(module.lessons) >= MAX_PER_LIST:
        raise AuthoringError(N_("A module holds at most %(limit)s lessons."),
                             limit=MAX_PER_LIST)
    return module
