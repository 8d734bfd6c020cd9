"""A guest's progress joining the account they sign up for or log in to, on the same device.

Nothing is lost and nothing counts twice: a lesson done both ways stays one completion; every
guest attempt is kept, numbered after the account's own attempts at that quiz, so best scores,
first attempts and first passes follow the account's rules; the report tallies are bumped for
exactly what is new to the account. Then the normal completion path runs (joining may complete
the course and issue the certificate), and the guest record is deleted, all in one transaction.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from lms.catalogue.published import published_snapshot
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress import tallies
from lms.progress.guests import delete_guests
from lms.progress.models import (
    Guest,
    GuestLessonCompletion,
    GuestQuizAttempt,
    LessonCompletion,
    QuizAttempt,
)
from lms.progress.services import (
    add_once,
    complete_course_if_done,
    locked_for_step,
    record_first_pass,
)


@dataclass(frozen=True)
class JoinOutcome:
    lessons_added: int  # lessons the account had not done yet
    attempts_added: int  # quiz attempts carried over (all of the guest's)
    certificate: Certificate | None = None  # issued now: joining completed the course

    @property
    def carried_anything(self) -> bool:
        return bool(self.lessons_added or self.attempts_added)


def join_account(guest_id: int, user_id: int) -> JoinOutcome | None:
    """Move the guest's steps into the account and delete the guest; None if the guest is gone
    (another tab's log-in joined it first) or nothing is published. Commits."""
    if published_snapshot() is None:
        return None
    snapshot, enrolment = locked_for_step(user_id)
    guest = db.session.scalar(select(Guest).where(Guest.id == guest_id).with_for_update()
                              .execution_options(populate_existing=True))
    if guest is None:
        db.session.rollback()
        return None
    cohort_day = tallies.utc_day(enrolment.started_at)
    lessons_added = _join_lessons(guest.id, user_id, cohort_day)
    attempts_added = _join_attempts(guest.id, user_id, cohort_day)
    if guest.last_lesson_id is not None:  # this device was used last: resume there
        enrolment.last_lesson_id = guest.last_lesson_id
    certificate = complete_course_if_done(user_id, snapshot, enrolment)
    delete_guests([guest.id])
    db.session.commit()
    return JoinOutcome(lessons_added, attempts_added, certificate)


def _join_lessons(guest_id: int, user_id: int, cohort_day: date) -> int:
    added = 0
    for done in db.session.scalars(select(GuestLessonCompletion)
                                   .where(GuestLessonCompletion.guest_id == guest_id)
                                   .order_by(GuestLessonCompletion.completed_at)):
        if add_once(LessonCompletion(user_id=user_id, lesson_id=done.lesson_id,
                                     completed_at=done.completed_at)):
            tallies.bump(tallies.LESSON_DONE, done.lesson_id, cohort_day)
            added += 1
    return added


def _join_attempts(guest_id: int, user_id: int, cohort_day: date) -> int:
    """Append the guest's attempts, oldest first, after the account's attempts at each quiz
    (counted under the enrolment's lock, as submit_quiz counts them)."""
    taken = dict(db.session.execute(
        select(QuizAttempt.quiz_id, func.count())
        .where(QuizAttempt.user_id == user_id).group_by(QuizAttempt.quiz_id)).all())
    guest_attempts = list(db.session.scalars(
        select(GuestQuizAttempt).where(GuestQuizAttempt.guest_id == guest_id)
        .order_by(GuestQuizAttempt.submitted_at, GuestQuizAttempt.id)))
    for tried in guest_attempts:
        taken[tried.quiz_id] = taken.get(tried.quiz_id, 0) + 1
        attempt = QuizAttempt(user_id=user_id, quiz_id=tried.quiz_id, score=tried.score,
                              passed=tried.passed, answers=tried.answers,
                              submitted_at=tried.submitted_at,
                              attempt_number=taken[tried.quiz_id])
        db.session.add(attempt)
        db.session.flush()
        if attempt.attempt_number == 1:
            tallies.count_first_attempt(attempt, cohort_day)
        if attempt.passed:
            record_first_pass(attempt, cohort_day)
    return len(guest_attempts)
