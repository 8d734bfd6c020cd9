"""Guest progress: lessons done and quiz attempts of a visitor without an account, on one device.

The rules are the account's own (services.progress_from, add_once, grade_published); what only
an account has stays out: enrolment, report tallies, course completion and certificates. A guest
record is created by the first step a visitor records (a POST), never by reading a page, and is
deleted when it joins an account (joining.py) or after GUEST_IDLE_DAYS without a visit.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, literal_column, select, union_all, update

from lms.catalogue.published import published_snapshot
from lms.catalogue.snapshot import Snapshot
from lms.database import write_transaction
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.grading import QuestionResult
from lms.progress.models import Guest, GuestLessonCompletion, GuestPlace, GuestQuizAttempt
from lms.progress.services import (
    CourseProgress,
    DrawUsed,
    Place,
    add_once,
    grade_published,
    progress_from,
)

# How stale last_seen_at may get before a visit stamps it again (the purge counts in days).
TOUCH_AFTER = timedelta(days=1)
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100  # a token_urlsafe(32) is 43 characters; anything far longer is junk


@dataclass(frozen=True)
class GuestStep:
    guest: Guest | None
    new_token: str | None  # set when this step created the guest: the caller sets the cookie
    recorded: bool


@dataclass(frozen=True)
class GuestQuizOutcome:
    guest: Guest
    attempt: GuestQuizAttempt
    results: list[QuestionResult]
    new_token: str | None


def idle_limit() -> timedelta:
    return timedelta(days=current_app.config["GUEST_IDLE_DAYS"])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_guest(token: str | None) -> Guest | None:
    """The guest a cookie's token names, if any: only hashes are stored, so the lookup cannot
    reach an account or another guest by guessing ids."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Guest).where(Guest.token_hash == _token_hash(token)))


def _start_guest() -> tuple[Guest, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    guest = Guest(token_hash=_token_hash(token))
    db.session.add(guest)
    db.session.flush()
    return guest, token


def note_visit(guest: Guest) -> bool:
    """Remember the guest's visit, at most once a day. Returns True when the visit was stamped
    (the cookie is renewed)."""
    stale = utcnow() - guest.last_seen_at > TOUCH_AFTER
    if stale:
        with write_transaction():
            guest.last_seen_at = utcnow()
    return stale


def note_place(guest: Guest, course_id: int, lesson_id: int, place: Place | None) -> None:
    """Remember the lesson the guest opened last in this course; place is what the page already
    read: nothing is written when it is the same."""
    if place is not None and place.last_lesson_id == lesson_id:
        return
    with write_transaction():
        _set_place(guest.id, course_id, lesson_id)


def _set_place(guest_id: int, course_id: int, lesson_id: int) -> None:
    """In the caller's transaction; safe when two requests race to create the row."""
    query = update(GuestPlace).where(GuestPlace.guest_id == guest_id,
                                     GuestPlace.course_id == course_id)
    if db.session.execute(query.values(last_lesson_id=lesson_id)).rowcount:
        return
    if not add_once(GuestPlace(guest_id=guest_id, course_id=course_id, last_lesson_id=lesson_id)):
        db.session.execute(query.values(last_lesson_id=lesson_id))


def guest_progress(guest: Guest, snapshot: Snapshot) -> CourseProgress:
    """The guest's progress through the snapshot, in one query, read as an account's is."""
    completed, best, places = guest_state(guest)
    return progress_from(snapshot, completed, best, places.get(snapshot.course_id))


def guest_state(guest: Guest) -> tuple[set[int], dict[int, int], dict[int, Place]]:
    """The guest's lessons done, best score per quiz and place in each course, for every
    course at once, in one query."""
    rows = db.session.execute(union_all(
        select(literal_column("'lesson'"), GuestLessonCompletion.lesson_id, literal_column("0"))
        .where(GuestLessonCompletion.guest_id == guest.id),
        select(literal_column("'quiz'"), GuestQuizAttempt.quiz_id, func.max(GuestQuizAttempt.score))
        .where(GuestQuizAttempt.guest_id == guest.id).group_by(GuestQuizAttempt.quiz_id),
        select(literal_column("'place'"), GuestPlace.last_lesson_id, GuestPlace.course_id)
        .where(GuestPlace.guest_id == guest.id),
    )).all()
    completed = {ref for kind, ref, _ in rows if kind == "lesson"}
    best = {ref: value for kind, ref, value in rows if kind == "quiz"}
    places = {course_id: Place(ref, completed=False)
              for kind, ref, course_id in rows if kind == "place"}
    return completed, best, places


def complete_lesson(guest: Guest | None, course_id: int, lesson_id: int) -> GuestStep:
    """Record the course's published lesson as done for this guest, once, creating the guest
    on its first step. A lesson retired since the page loaded records nothing (and creates no
    one)."""
    snapshot = published_snapshot(course_id, recheck=True)
    if snapshot is None or snapshot.lesson_by_id(lesson_id) is None:
        db.session.rollback()
        return GuestStep(guest, None, recorded=False)
    new_token = None
    if guest is None:
        guest, new_token = _start_guest()
    _set_place(guest.id, course_id, lesson_id)
    guest.last_seen_at = utcnow()
    recorded = add_once(GuestLessonCompletion(guest_id=guest.id, lesson_id=lesson_id))
    db.session.commit()
    return GuestStep(guest, new_token, recorded)


def submit_quiz(guest: Guest | None, course_id: int, module_slug: str,
                answers: dict[str, list[int]], drawn: list[dict] | None = None,
                attempts_before: int | None = None) -> GuestQuizOutcome:
    """Grade and keep a guest's attempt at the drawn questions of the course's module's
    published quiz (QuizGone if it has none, DrawUsed if an attempt was submitted since the
    draw, as for an account); the first attempt creates the guest."""
    snapshot = published_snapshot(course_id, recheck=True)
    graded = grade_published(snapshot, module_slug, answers, drawn)
    if attempts_before is not None and attempts_before != _attempt_count(guest, graded.quiz_id):
        db.session.rollback()
        raise DrawUsed
    new_token = None
    if guest is None:
        guest, new_token = _start_guest()
    guest.last_seen_at = utcnow()
    attempt = GuestQuizAttempt(guest_id=guest.id, **graded.attempt)
    db.session.add(attempt)
    db.session.commit()
    return GuestQuizOutcome(guest, attempt, graded.results, new_token)


def _attempt_count(guest: Guest | None, quiz_id: int) -> int:
    if guest is None:
        return 0
    return db.session.scalar(select(func.count()).where(
        GuestQuizAttempt.guest_id == guest.id, GuestQuizAttempt.quiz_id == quiz_id))


def delete_guests(guest_ids: list[int]) -> int:
    """Delete guests and everything they recorded, in the caller's transaction. SQLite does not
    enforce ON DELETE CASCADE here, so the rows go explicitly."""
    for model in (GuestLessonCompletion, GuestQuizAttempt, GuestPlace):
        db.session.execute(delete(model).where(model.guest_id.in_(guest_ids)))
    return db.session.execute(delete(Guest).where(Guest.id.in_(guest_ids))).rowcount


PURGE_BATCH = 500


def purge_idle_guests() -> int:
    """Delete the guests not seen for GUEST_IDLE_DAYS, a batch per transaction; returns how
    many. Commits."""
    idle = select(Guest.id).where(Guest.last_seen_at < utcnow() - idle_limit()).limit(PURGE_BATCH)
    purged = 0
    while ids := list(db.session.scalars(idle)):
        purged += delete_guests(ids)
        db.session.commit()
    return purged
