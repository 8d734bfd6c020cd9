"""Who gets a reminder email now, and sending each exactly once, in batches (the worker's job).

Every email is claimed first: a conditional write committed before the email is handed to the
mail path, so two workers running the same batch (or one running it twice) never both send it.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from lms.auth.models import User
from lms.catalogue import listing
from lms.catalogue.snapshot import Snapshot, Step, StepKind
from lms.extensions import db
from lms.i18n import DEFAULT_LANGUAGE, in_language
from lms.mail import send_email
from lms.progress import overview
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt
from lms.progress.services import course_progress
from lms.reminders import meetings
from lms.reminders.models import CourseReminder, MeetingPlan
from lms.reminders.unsubscribe import Stream, unsubscribe_headers, unsubscribe_url
from lms.urls import public_url

MAX_COURSE_REMINDERS = 3
REMINDER_GAP = timedelta(days=7)


@dataclass(frozen=True)
class Sent:
    course_reminders: int
    meeting_reminders: int


def send_due_reminders(now: datetime, batch: int = 200) -> Sent:
    """Send up to `batch` of each kind that is due at `now`; the next run sends the rest."""
    return Sent(send_course_reminders(now, batch), send_meeting_reminders(now, batch))


# --- Gentle reminders about an unfinished course ---------------------------------------------

def _last(column, user_column):
    return select(func.max(column)).where(user_column == Enrolment.user_id).scalar_subquery()


def due_course_reminders(now: datetime, course_id: int, limit: int) -> list[tuple[int, int]]:
    """(user id, reminders sent so far) for learners who chose reminders, are active, have not
    finished, have had fewer than three, and have been quiet a week since their last step (or
    their last reminder)."""
    quiet_since = now - REMINDER_GAP
    last_lesson = _last(LessonCompletion.completed_at, LessonCompletion.user_id)
    last_attempt = _last(QuizAttempt.submitted_at, QuizAttempt.user_id)
    sent = func.coalesce(CourseReminder.sent_count, 0)
    rows = db.session.execute(
        select(Enrolment.user_id, sent)
        .join(User, User.id == Enrolment.user_id)
        .outerjoin(CourseReminder, and_(CourseReminder.user_id == Enrolment.user_id,
                                        CourseReminder.course_id == Enrolment.course_id))
        .where(Enrolment.course_id == course_id, Enrolment.completed_at.is_(None),
               User.reminder_emails.is_(True), User.active.is_(True),
               sent < MAX_COURSE_REMINDERS,
               Enrolment.started_at <= quiet_since,
               or_(CourseReminder.last_sent_at.is_(None),
                   CourseReminder.last_sent_at <= quiet_since),
               or_(last_lesson.is_(None), last_lesson <= quiet_since),
               or_(last_attempt.is_(None), last_attempt <= quiet_since))
        .order_by(Enrolment.user_id).limit(limit)).all()
    return [(user_id, count) for user_id, count in rows]


def _claim_course_reminder(user_id: int, course_id: int, sent_before: int, now) -> bool:
    """Record reminder number sent_before + 1, unless another run recorded it first."""
    if sent_before == 0:
        try:
            with db.session.begin_nested():
                db.session.add(CourseReminder(user_id=user_id, course_id=course_id,
                                              sent_count=1, last_sent_at=now))
            return True
        except IntegrityError:
            return False
    result = db.session.execute(
        update(CourseReminder)
        .where(CourseReminder.user_id == user_id, CourseReminder.course_id == course_id,
               CourseReminder.sent_count == sent_before)
        .values(sent_count=sent_before + 1, last_sent_at=now))
    return result.rowcount == 1


def send_course_reminders(now: datetime, limit: int = 200) -> int:
    """Each course's due reminders (a beat job: the loop over courses is here), at most
    `limit` in all."""
    sent = 0
    for ref in listing.open_refs():
        if sent >= limit:
            break
        sent += _send_course_reminders(ref.snapshot(DEFAULT_LANGUAGE), now, limit - sent)
    return sent


def _send_course_reminders(snapshot: Snapshot, now: datetime, limit: int) -> int:
    sent = 0
    for user_id, sent_before in due_course_reminders(now, snapshot.course_id, limit):
        progress = course_progress(user_id, snapshot)
        step = progress.next_step
        if step is None:  # finished, though completion is not recorded yet: nothing to nudge
            continue
        claimed = _claim_course_reminder(user_id, snapshot.course_id, sent_before, now)
        db.session.commit()
        if claimed:
            user = db.session.get(User, user_id)
            with in_language(user.language):
                send_email(user.email, _("Pick up where you left off: %(course)s",
                                         course=snapshot.course.title),
                           course_reminder_text(user, snapshot, step, sent_before + 1),
                           unsubscribe_headers(user_id, Stream.REMINDERS))
            sent += 1
    return sent


def step_url(course: str, step: Step) -> str:
    if step.kind is StepKind.LESSON:
        return public_url("learn.lesson", course=course, slug=step.lesson.slug)
    return public_url("learn.quiz", course=course, slug=step.module.slug)


def course_reminder_text(user: User, snapshot: Snapshot, step: Step, number: int) -> str:
    last = (_("This is the last reminder we will send about it.")
            if number >= MAX_COURSE_REMINDERS else
            _("We send at most three of these, a week apart, and none once you finish."))
    return _(
        "Hello %(name)s,\n\nYou started “%(course)s”. You left off at:\n\n"
        "  %(step)s\n  %(link)s\n\n"
        "Open the link to carry on from there, whenever suits you. A few minutes at a time "
        "is fine.\n\n%(last)s\n\n"
        "To stop these emails, open this link: %(unsubscribe)s\n"
        "(or change it on your profile: %(profile)s)\n",
        name=user.name, course=snapshot.course.title, step=step.title,
        link=step_url(snapshot.course.slug, step),
        last=last, unsubscribe=unsubscribe_url(user.id, Stream.REMINDERS),
        profile=public_url("auth.profile"))


# --- The reminder two days before a meeting with the school ----------------------------------

def due_meeting_reminders(today, limit: int) -> list[MeetingPlan]:
    """Plans with a reminder asked for and not sent, whose meeting is one or two days away."""
    return list(db.session.scalars(
        select(MeetingPlan).join(User, User.id == MeetingPlan.user_id)
        .where(MeetingPlan.remind.is_(True), MeetingPlan.reminded_at.is_(None),
               MeetingPlan.meeting_on > today,
               MeetingPlan.meeting_on <= today + timedelta(days=meetings.REMIND_DAYS_BEFORE),
               User.active.is_(True))
        .order_by(MeetingPlan.id).limit(limit)))


def _claim_meeting_reminder(plan: MeetingPlan, now) -> bool:
    """Mark the reminder sent, unless another run did, or the learner changed the date or
    turned the reminder off since it was read."""
    result = db.session.execute(
        update(MeetingPlan)
        .where(MeetingPlan.id == plan.id, MeetingPlan.reminded_at.is_(None),
               MeetingPlan.remind.is_(True), MeetingPlan.meeting_on == plan.meeting_on)
        .values(reminded_at=now))
    return result.rowcount == 1


def send_meeting_reminders(now: datetime, limit: int = 200) -> int:
    today = now.date()
    sent = 0
    for plan in due_meeting_reminders(today, limit):
        claimed = _claim_meeting_reminder(plan, now)
        db.session.commit()
        if not claimed:
            continue
        user = db.session.get(User, plan.user_id)
        items = [item for _, plan_items in
                 meetings.course_plans(overview.learner_courses(user.id))
                 for item in plan_items]
        with in_language(user.language):
            send_email(user.email, _("Your %(meeting)s is %(when)s", meeting=plan.kind.label,
                                     when=meetings.days_left(plan.meeting_on, today)),
                       meeting_reminder_text(user, plan, items, today),
                       unsubscribe_headers(user.id, Stream.MEETING))
        sent += 1
    return sent


def _item_url(endpoint: str, item: meetings.PlanItem) -> str:
    return public_url(endpoint, course=item.course, slug=item.slug)


def meeting_reminder_text(user: User, plan: MeetingPlan, items, today) -> str:
    unread = [item for item in items if item.kind == "lesson" and not item.done]
    handouts = [item for item in items if item.kind == "handout"]
    lines = [_("Hello %(name)s,", name=user.name), "",
             _("Your %(meeting)s is %(when)s: %(date)s.", meeting=plan.kind.label,
               when=meetings.days_left(plan.meeting_on, today), date=plan.long_date), ""]
    if unread:
        lines += [_("Still to read before it:")]
        lines += [f"- {item.title}: {_item_url('learn.lesson', item)}" for item in unread]
    else:
        lines += [_("You have read every lesson suggested for the meeting. Well done.")]
    if handouts:
        lines += ["", _("To print and bring:")]
        lines += [f"- {item.title}: {_item_url('learn.resource', item)}" for item in handouts]
    lines += ["", _("Your plan: %(link)s", link=public_url("reminders.meeting")), "",
              _("This is the only reminder we send for this meeting."),
              _("To stop meeting reminders, open this link: %(link)s",
                link=unsubscribe_url(user.id, Stream.MEETING))]
    return "\n".join(lines) + "\n"
