"""A guest's progress joining the account they sign up for or log in to, on the same device.

Nothing is lost and nothing counts twice: a lesson done both ways stays one completion; every
guest attempt is kept, numbered after the account's own attempts at that quiz, so best scores,
first attempts and first passes follow the account's rules; the report tallies are bumped for
exactly what is new to the account. Then the normal completion path runs in each course the
guest touched (joining may complete a course and issue its certificate), and the guest record is
deleted, all in one transaction.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from lms.certificates.models import Certificate
from lms.courses.models import Lesson, Module, Quiz
from lms.extensions import db
from lms.progress import tallies
from lms.progress.guests import delete_guests
from lms.progress.models import (
    Guest,
    GuestLessonCompletion,
    GuestPlace,
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
    certificates: tuple[Certificate, ...] = ()  # issued now: joining completed these courses

    @property
    def carried_anything(self) -> bool:
        return bool(self.lessons_added or self.attempts_added)


def _guest_courses(guest_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """Which course each of the guest's lessons and quizzes belongs to."""
    lessons = dict(db.session.execute(
        select(GuestLessonCompletion.lesson_id, Lesson.course_id)
        .join(Lesson, Lesson.id == GuestLessonCompletion.lesson_id)
        .where(GuestLessonCompletion.guest_id == guest_id)).all())
    quizzes = dict(db.session.execute(
        select(GuestQuizAttempt.quiz_id, Module.course_id).distinct()
        .join(Quiz, Quiz.id == GuestQuizAttempt.quiz_id)
        .join(Module, Module.id == Quiz.module_id)
        .where(GuestQuizAttempt.guest_id == guest_id)).all())
    return lessons, quizzes


def join_account(guest_id: int, user_id: int) -> JoinOutcome | None:
    """Move the guest's steps, in every course they touched, into the account and delete the
    guest; None if the guest is gone (another tab's log-in joined it first). Commits."""
    lesson_course, quiz_course = _guest_courses(guest_id)
    course_ids = sorted(set(lesson_course.values()) | set(quiz_course.values()))
    # One enrolment lock per course, always in the same order, as a step takes them.
    locked = {course_id: locked_for_step(user_id, course_id) for course_id in course_ids}
    guest = db.session.scalar(select(Guest).where(Guest.id == guest_id).with_for_update()
                              .execution_options(populate_existing=True))
    if guest is None:
        db.session.rollback()
        return None
    cohort = {course_id: tallies.utc_day(enrolment.started_at)
              for course_id, (_, enrolment) in locked.items()}
    lessons_added = _join_lessons(guest.id, user_id,
                                  lambda lesson_id: cohort[lesson_course[lesson_id]])
    attempts_added = _join_attempts(guest.id, user_id,
                                    lambda quiz_id: cohort[quiz_course[quiz_id]])
    for place in db.session.scalars(select(GuestPlace).where(GuestPlace.guest_id == guest.id)):
        if place.course_id in locked:  # this device was used last: resume there
            locked[place.course_id][1].last_lesson_id = place.last_lesson_id
    certificates = tuple(
        certificate for snapshot, enrolment in locked.values()
        if snapshot is not None
        and (certificate := complete_course_if_done(user_id, snapshot, enrolment)) is not None)
    delete_guests([guest.id])
    db.session.commit()
    return JoinOutcome(lessons_added, attempts_added, certificates)


def _join_lessons(guest_id: int, user_id: int, cohort_day: Callable[[int], date]) -> int:
    added = 0
    for done in db.session.scalars(select(GuestLessonCompletion)
                                   .where(GuestLessonCompletion.guest_id == guest_id)
                                   .order_by(GuestLessonCompletion.completed_at)):
        if add_once(LessonCompletion(user_id=user_id, lesson_id=done.lesson_id,
                                     completed_at=done.completed_at)):
            tallies.bump(tallies.LESSON_DONE, done.lesson_id, cohort_day(done.lesson_id))
            added += 1
    return added


def _join_attempts(guest_id: int, user_id: int, cohort_day: Callable[[int], date]) -> int:
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
                              passed=tried.passed, answers=tried.answers, drawn=tried.drawn,
                              submitted_at=tried.submitted_at,
                              attempt_number=taken[tried.quiz_id])
        db.session.add(attempt)
        db.session.flush()
        day = cohort_day(tried.quiz_id)
        if attempt.attempt_number == 1:
            tallies.count_first_attempt(attempt, day)
        if attempt.passed:
            record_first_pass(attempt, day)
    return len(guest_attempts)
