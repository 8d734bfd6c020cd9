"""Review dates (issue 21 item 2): what is due for a check, and "reviewed, no change".

The due list reads the published rows: what learners read is what must be checked. Marking an
item reviewed changes its published row at once (and bumps the course's content_version, so
learners see the new "Last reviewed" date without a publish) and, when there is a draft, the
same item in the draft, in the same transaction, so publishing the draft later keeps the date.
Going through the draft and publish instead would publish every other unpublished change with
it, which a trainer confirming a date does not mean to do.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from lms import audit
from lms.authoring import history
from lms.authoring.draft import all_lessons, change_draft, get_draft
from lms.content.importer import bump_content_version
from lms.content.mapping import lesson_data
from lms.content.schema import CourseData
from lms.courses.models import Course, Lesson, Resource
from lms.extensions import db
from lms.refusal import N_, Refusal

SOON = timedelta(days=30)
KINDS = ("lesson", "handout")
REVIEWED_NOTE = "Reviewed, no change"


class ReviewRefused(Refusal):
    """The review cannot be recorded as asked; the message says why."""


@dataclass(frozen=True)
class DueItem:
    kind: str  # "lesson" or "handout"
    slug: str
    title: str
    reviewed: date | None
    check_again_by: date | None
    check_again_for: str
    overdue: bool  # check_again_by has passed
    due_soon: bool  # check_again_by is today or within SOON
    stale: bool  # reviewed more than a year ago, or never (reviewed is None)


def a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _due(kind: str, row, today: date) -> DueItem | None:
    by = row.check_again_by
    overdue = by is not None and by < today
    due_soon = by is not None and not overdue and by - today <= SOON
    stale = row.reviewed is None or a_year_after(row.reviewed) < today
    if not (overdue or due_soon or stale):
        return None
    return DueItem(kind, row.slug, row.title, row.reviewed, by, row.check_again_for or "",
                   overdue, due_soon, stale)


def review_due(kind: str, item, today: date) -> bool:
    """The item (a published row, or the draft's data of it) is one the reviews page lists."""
    return _due(kind, item, today) is not None


def _rows(course_id: int):
    lessons = db.session.scalars(select(Lesson).where(Lesson.course_id == course_id,
                                                      Lesson.retired.is_(False)))
    handouts = db.session.scalars(select(Resource).where(Resource.course_id == course_id))
    return [("lesson", row) for row in lessons] + [("handout", row) for row in handouts]


def due_items(course_id: int, today: date) -> list[DueItem]:
    """Published lessons and handouts to check: a check_again_by passed or within 30 days
    (soonest first), then those reviewed more than a year ago or never (oldest first)."""
    items = [item for kind, row in _rows(course_id) if (item := _due(kind, row, today))]
    return sorted(items, key=lambda i: (
        i.check_again_by is None or not (i.overdue or i.due_soon),
        i.check_again_by or date.min, i.reviewed or date.min, i.title))


def _published(course_id: int, kind: str, slug: str):
    if kind == "lesson":
        return db.session.scalar(select(Lesson).where(
            Lesson.course_id == course_id, Lesson.slug == slug, Lesson.retired.is_(False)))
    return db.session.scalar(select(Resource).where(Resource.course_id == course_id,
                                                    Resource.slug == slug))


def mark_reviewed(course: Course, user_id: int, kind: str, slug: str, today: date,
                  check_again_by: date | None, check_again_for: str = "") -> str | None:
    """Record that the item's facts were checked today and still hold; returns its title, or
    None when the course has no such published item. check_again_by None clears the next
    check (and what it was for)."""
    row = _published(course.id, kind, slug) if kind in KINDS else None
    if row is None:
        return None
    if check_again_by is not None and check_again_by <= today:
        raise ReviewRefused(N_("The date to check again must be after today."))
    values = dict(reviewed=today, check_again_by=check_again_by,
                  check_again_for=(check_again_for or "").strip() if check_again_by else "")

    def apply(data: CourseData | None) -> None:
        _record(course, user_id, kind, row, values, data)
        for name, value in values.items():
            setattr(row, name, value)
        bump_content_version(course)

    if get_draft(course.id) is None:
        apply(None)
        db.session.commit()
    else:
        change_draft(course, user_id, apply)
    return row.title


def _record(course: Course, user_id: int, kind: str, row, values: dict,
            data: CourseData | None) -> None:
    """The history: a lesson gets a revision like any edit (its draft copy changed too); a
    handout, which has no revision history, an entry in the audit log."""
    if kind == "handout":
        handout = next((r for r in data.resources if r.slug == row.slug), None) if data else None
        if handout is not None:
            for name, value in values.items():
                setattr(handout, name, value)
        audit.record(user_id, "handout reviewed", target=f"handout {row.slug}",
                     detail=f"reviewed {values['reviewed']}; check again by "
                            f"{values['check_again_by'] or 'not set'}")
        return
    in_draft = next((lesson for lesson in all_lessons(data) if lesson.slug == row.slug),
                    None) if data else None
    lesson = in_draft or lesson_data(row)
    before = history.lesson_content(lesson)
    for name, value in values.items():
        setattr(lesson, name, value)
    history.record(course.id, "lesson", row.slug, before=before,
                     after=history.lesson_content(lesson), author_id=user_id, note=REVIEWED_NOTE)
