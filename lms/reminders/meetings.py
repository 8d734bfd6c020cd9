"""A learner's meeting with the school: setting it, and what to read and print before it."""
from dataclasses import dataclass
from datetime import date
from functools import cache

from flask_babel import gettext, ngettext, pgettext
from sqlalchemy import bindparam, delete, select

from lms.auth import sessions
from lms.catalogue.snapshot import Snapshot, StepKind
from lms.database import json_rows
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.services import CourseProgress
from lms.reminders.models import MeetingKind, MeetingPlan

MAX_DAYS_AHEAD = 2 * 366  # a date further off is almost always a typing slip
REMIND_DAYS_BEFORE = 2


class MeetingDateRefused(ValueError):
    """A meeting date the plan cannot use, with the message for the learner."""


@dataclass(frozen=True)
class PlanItem:
    """One thing to do before the meeting: a lesson to read, or a handout to print."""

    kind: str  # "lesson" or "handout"
    slug: str
    title: str
    done: bool  # lessons: marked complete; handouts are never "done", only printed
    course: str = ""  # the course's slug: the plan lists items from every course started


def meeting_plan(user_id: int) -> MeetingPlan | None:
    return db.session.scalar(_plan_query(), {"user_id": user_id})


@cache
def _plan_query():
    """Built once: building it cost about as much CPU as running it."""
    return select(MeetingPlan).where(MeetingPlan.user_id == bindparam("user_id"))


PLAN_ALONG = "meeting_plan"


def plan_along(user_id) -> tuple:
    """The learner's meeting (its date and kind, all My learning's box shows of it) as a JSON
    array of at most one row, correlated to user_id: read with the session."""
    return (select(json_rows(MeetingPlan.meeting_on, MeetingPlan.kind))
            .where(MeetingPlan.user_id == user_id).scalar_subquery(),)


sessions.read_along(PLAN_ALONG, ("portal.my_learning",), plan_along)


def _plan_shown(user_id: int) -> MeetingPlan | None:
    """The meeting plan, to show only (not to change): the row read with the session, if the
    page read it so."""
    along = sessions.taken_along(PLAN_ALONG, user_id)
    if along is None:
        return meeting_plan(user_id)
    return next((MeetingPlan(user_id=user_id, meeting_on=date.fromisoformat(meeting_on),
                             kind=MeetingKind(kind)) for meeting_on, kind in along[0]), None)


def check_meeting_date(meeting_on: date, today: date) -> None:
    if meeting_on < today:
        raise MeetingDateRefused("That date has already passed. Enter the date of a meeting "
                                 "that is still to come (today or later).")
    if (meeting_on - today).days > MAX_DAYS_AHEAD:
        raise MeetingDateRefused("That date is more than two years away. Please check the "
                                 "year.")


def save_meeting(user_id: int, meeting_on: date, kind: MeetingKind, remind: bool,
                 today: date) -> MeetingPlan:
    """Set or change the learner's meeting. A new date (or a reminder asked for again) gets
    its own reminder, even if one went for the old date."""
    check_meeting_date(meeting_on, today)
    plan = meeting_plan(user_id) or MeetingPlan(user_id=user_id)
    if plan.meeting_on != meeting_on or (remind and not plan.remind):
        plan.reminded_at = None
    plan.meeting_on, plan.kind, plan.remind = meeting_on, kind, remind
    db.session.add(plan)
    db.session.commit()
    return plan


def remove_meeting(user_id: int) -> bool:
    """Forget the meeting (and so its reminder); False when there was none."""
    removed = db.session.execute(delete(MeetingPlan).where(MeetingPlan.user_id == user_id))
    db.session.commit()
    return removed.rowcount > 0


def plan_items(snapshot: Snapshot, progress: CourseProgress | None) -> list[PlanItem]:
    """The lessons and handouts trainers marked `before_meeting`, in course order: each lesson,
    then the marked handouts it offers; marked handouts no lesson offers come last."""
    items, listed, course = [], set(), snapshot.course.slug

    def add_handout(slug: str) -> None:
        handout = snapshot.resource(slug)
        if handout is not None and handout.before_meeting and slug not in listed:
            listed.add(slug)
            items.append(PlanItem("handout", slug, handout.title, False, course))

    for step in snapshot.steps:
        if step.kind is not StepKind.LESSON or not step.lesson.before_meeting:
            continue
        items.append(PlanItem("lesson", step.lesson.slug, step.lesson.title,
                              bool(progress and progress.is_done(step)), course))
        for slug in step.lesson.resources:
            add_handout(slug)
    for handout in snapshot.resources:
        add_handout(handout.slug)
    return items


@dataclass(frozen=True)
class MeetingBox:
    """The short box on My learning."""

    plan: MeetingPlan | None
    left: str
    unread: int
    lessons: int
    passed: bool = False  # the meeting's date has gone by

    @property
    def state(self) -> tuple:
        """All the box shows, as a key (My learning is kept per state: lms/learn/cache.py)."""
        return (self.plan.kind if self.plan else None, self.left, self.unread, self.lessons,
                self.passed)


def course_plans(entries) -> list[tuple[Snapshot, list[PlanItem]]]:
    """What to read and print before the meeting from each course the learner started
    (entries: lms.progress.overview.CourseEntry), leaving out courses that mark nothing."""
    plans = [(entry.snapshot, plan_items(entry.snapshot, entry.progress)) for entry in entries]
    return [(snapshot, items) for snapshot, items in plans if items]


def meeting_box(user_id: int, entries, today: date) -> MeetingBox:
    plan = _plan_shown(user_id)
    lessons = [item for _, items in course_plans(entries) for item in items
               if item.kind == "lesson"]
    return MeetingBox(plan, days_left(plan.meeting_on, today) if plan else "",
                      sum(not item.done for item in lessons), len(lessons),
                      passed=bool(plan) and plan.meeting_on < today)


def today() -> date:
    """Dates are compared in UTC, by the pages and the reminder batch alike."""
    return utcnow().date()


def days_left(meeting_on: date, today: date) -> str:
    """ "today", "tomorrow", "in 5 days"; "passed" for a date gone by."""
    days = (meeting_on - today).days
    if days < 0:
        return pgettext("meeting date", "passed")
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    return ngettext("in %(num)d day", "in %(num)d days", days)
