"""The progress rules: recording lessons and quiz attempts, and deciding course completion.

Completion is decided here and only here, in the same transaction as the write that completes it,
against the published snapshot current inside that transaction. The services say what happened
(a StepOutcome or QuizOutcome), so the pages never query again to guess.
"""

from dataclasses import dataclass, field
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, case, func, literal_column, select, union_all, update
from sqlalchemy.exc import IntegrityError

from lms.auth import sessions
from lms.catalogue.published import published_snapshot
from lms.catalogue.snapshot import Snapshot, Step, StepKind
from lms.certificates.models import Certificate
from lms.certificates.services import issue_certificate
from lms.content.schema import ModuleData
from lms.courses.models import Course, Visibility
from lms.database import insert_once, json_rows, write_one, write_transaction
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress import tallies
from lms.progress.draw import all_in_order
from lms.progress.grading import QuestionResult, grade
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt, QuizPass
from lms.signals import course_completed, enrolment_started


@dataclass
class ModuleProgress:
    module: ModuleData
    lessons_done: int
    quiz_passed: bool
    best_score: int | None

    @property
    def module_slug(self) -> str:
        return self.module.slug

    @property
    def title(self) -> str:
        return self.module.title

    @property
    def lessons_total(self) -> int:
        return len(self.module.lessons)

    @property
    def quiz_slug(self) -> str | None:
        return self.module.slug if self.module.has_quiz else None

    @property
    def items_done(self) -> int:
        return self.lessons_done + (1 if self.quiz_passed else 0)

    @property
    def items_total(self) -> int:
        return self.lessons_total + (1 if self.module.has_quiz else 0)


@dataclass(frozen=True)
class Place:
    """Where the learner is in the course, as pages read it from their enrolment."""

    last_lesson_id: int | None
    completed: bool  # course completion recorded (and its certificate issued)


@dataclass
class CourseProgress:
    snapshot: Snapshot
    completed_lesson_ids: set[int]
    passed_quiz_ids: set[int]
    best_scores: dict[int, int]
    place: Place | None  # None: not enrolled yet
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def missing(self) -> list[Step]:
        """What is still needed for completion, in course order."""
        return [step for step in self.snapshot.steps if not self.is_done(step)]

    @property
    def completion_recorded(self) -> bool:
        return self.place is not None and self.place.completed

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def items_done(self) -> int:
        return sum(m.items_done for m in self.modules)

    @property
    def items_total(self) -> int:
        return sum(m.items_total for m in self.modules)

    def shown_state(self) -> tuple:
        """All a course's home page shows of the learner, as a key: the lessons done, the
        quizzes passed and where "Continue" goes (the counts follow from the first two)."""
        next_step = self.next_step
        return (tuple(sorted(self.completed_lesson_ids)), tuple(sorted(self.passed_quiz_ids)),
                next_step.key if next_step else None)

    def module_state(self, module: ModuleData) -> tuple:
        """All a module's page shows of the learner: which of its lessons are done, and
        whether its quiz is passed."""
        return (tuple(lesson.id in self.completed_lesson_ids for lesson in module.lessons),
                module.has_quiz and module.quiz_id in self.passed_quiz_ids)

    def is_done(self, step: Step) -> bool:
        if step.kind is StepKind.LESSON:
            return step.lesson.id in self.completed_lesson_ids
        return step.module.quiz_id in self.passed_quiz_ids

    def is_last_missing(self, step: Step) -> bool:
        """Finishing this step completes the course (and earns the certificate)."""
        return self.missing == [step]

    @property
    def next_step(self) -> Step | None:
        """Where "Continue" goes: the last lesson opened if unfinished, else the next missing."""
        missing = self.missing
        if not missing:
            return None
        last = self.snapshot.lesson_by_id(self.place.last_lesson_id) if self.place else None
        if last is None:
            return missing[0]
        steps = self.snapshot.steps
        start = steps.index(self.snapshot.lesson_step(last))
        after_last = [s for s in steps[start:] if not self.is_done(s)]
        return after_last[0] if after_last else missing[0]


@dataclass(frozen=True)
class StepOutcome:
    recorded: bool  # this call recorded the lesson (False: it was already done, or is gone)
    certificate: Certificate | None = None  # issued now: this step completed the course


@dataclass(frozen=True)
class QuizOutcome:
    attempt: QuizAttempt
    results: list[QuestionResult]
    certificate: Certificate | None = None  # issued now: this pass completed the course


def course_progress(user_id: int, snapshot: Snapshot) -> CourseProgress:
    """A learner's progress through the snapshot, in one indexed query, whatever the size of
    the course or of anyone's history."""
    completed, best, places = learner_state(user_id)
    return progress_from(snapshot, completed, best, places.get(snapshot.course_id))


def progress_from(snapshot: Snapshot, completed: set[int], best: dict[int, int],
                  place: Place | None) -> CourseProgress:
    """What lessons done and best scores (an account's or a guest's) mean in this snapshot:
    steps of other courses and retired steps do not count."""
    completed = completed & snapshot.lesson_ids
    best = {quiz_id: score for quiz_id, score in best.items() if quiz_id in snapshot.quiz_ids}
    passed = {quiz_id for quiz_id, score in best.items() if score >= snapshot.course.pass_mark}
    progress = CourseProgress(snapshot, completed, passed, best, place)
    for module in snapshot.modules:
        progress.modules.append(ModuleProgress(
            module=module,
            lessons_done=sum(lesson.id in completed for lesson in module.lessons),
            quiz_passed=module.has_quiz and module.quiz_id in passed,
            best_score=best.get(module.quiz_id) if module.has_quiz else None))
    return progress


def learner_state(user_id: int) -> tuple[set[int], dict[int, int], dict[int, Place]]:
    """Lessons done, best score per quiz, and place in each course enrolled: one round trip
    over three indexes, for every course at once; none on a signed-in page of the courses or
    the portal, whose session query read it along (state_along)."""
    _, completed, best, places = _state(user_id, with_courses=False)
    return completed, best, places


def enrolled_state(user_id: int) -> tuple[list[tuple[int, int]], set[int], dict[int, int],
                                           dict[int, Place]]:
    """The courses the learner started that learners may read, as (course id, published
    version) in catalogue order, with learner_state()'s three: still one round trip (My
    learning read the courses in a query of their own)."""
    return _state(user_id, with_courses=True)


def _state(user_id: int, with_courses: bool):
    along = sessions.taken_along(STATE_ALONG, user_id)
    if along is None:
        rows = db.session.execute(_state_query(with_courses), {"user_id": user_id}).all()
    else:
        rows = _rows_read_along(*along)
    completed = {row[1] for row in rows if row[0] == "lesson"}
    best = {row[1]: row[2] for row in rows if row[0] == "quiz"}
    enrolments = [row for row in rows if row[0] == "place"]
    places = {row[3]: Place(row[1], bool(row[2])) for row in enrolments}
    courses = [(row[3], row[4]) for row in sorted(enrolments, key=lambda row: (row[5], row[3]))
               if row[6]]
    return courses, completed, best, places


def _place_columns() -> tuple:
    """An enrolment as the learner's state carries it: the last lesson opened, whether its
    completion is recorded (1 or 0), the course."""
    return (Enrolment.last_lesson_id, case((Enrolment.completed_at.is_(None), 0), else_=1),
            Enrolment.course_id)


def _course_columns() -> tuple:
    """Its course, for My learning: the published version, the place in the catalogue, whether
    learners may read it (1 or 0). Joined on the enrolment's course."""
    return (Course.content_version, Course.position,
            case((Course.visibility == Visibility.DRAFT, 0), else_=1))


@cache
def _state_query(with_courses: bool):
    """Built once per shape: building it cost about as much CPU as running it (SQLite)."""
    user_id, zero = bindparam("user_id"), literal_column("0")
    place = select(literal_column("'place'"), *_place_columns(),
                   *(_course_columns() if with_courses else (zero, zero, zero)))
    if with_courses:
        place = place.join(Course, Course.id == Enrolment.course_id)
    return union_all(
        select(literal_column("'lesson'"), LessonCompletion.lesson_id, zero, zero, zero, zero,
               zero)
        .where(LessonCompletion.user_id == user_id),
        select(literal_column("'quiz'"), QuizAttempt.quiz_id, func.max(QuizAttempt.score),
               zero, zero, zero, zero)
        .where(QuizAttempt.user_id == user_id).group_by(QuizAttempt.quiz_id),
        place.where(Enrolment.user_id == user_id),
    )


STATE_ALONG = "learner_state"


def state_along(user_id) -> tuple:
    """The learner's state as three JSON arrays (lessons done; quiz scores; enrolments, with
    their course's version, place in the catalogue and whether learners may read it), in
    scalar subqueries correlated to user_id: read with the session (auth.sessions.read_along),
    a signed-in page's state costs no round trip of its own."""
    lessons = select(json_rows(LessonCompletion.lesson_id)).where(
        LessonCompletion.user_id == user_id)
    scores = select(json_rows(QuizAttempt.quiz_id, QuizAttempt.score)).where(
        QuizAttempt.user_id == user_id)
    places = (select(json_rows(*_place_columns(), *_course_columns()))
              .join(Course, Course.id == Enrolment.course_id)
              .where(Enrolment.user_id == user_id))
    return tuple(query.scalar_subquery() for query in (lessons, scores, places))


# The course pages and the portal (the catalogue, My learning) show the learner's progress.
sessions.read_along(STATE_ALONG, ("learn", "portal"), state_along)


def _rows_read_along(lessons: list, scores: list, places: list) -> list[tuple]:
    """state_along()'s arrays as the rows _state_query() returns."""
    best: dict[int, int] = {}
    for quiz_id, score in scores:
        best[quiz_id] = max(score, best.get(quiz_id, score))
    return [*(("lesson", lesson_id, 0, 0, 0, 0, 0) for (lesson_id,) in lessons),
            *(("quiz", quiz_id, score, 0, 0, 0, 0) for quiz_id, score in best.items()),
            *(("place", *place) for place in places)]


def _enrolment(user_id: int, course_id: int, place: int | None = None) -> Enrolment:
    """Get or create the learner's enrolment (created at lesson `place`, when given); safe when
    two requests race to create it."""
    query = select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.course_id == course_id)
    enrolment = db.session.scalar(query)
    if enrolment is not None:
        return enrolment
    try:
        with db.session.begin_nested():
            enrolment = Enrolment(user_id=user_id, course_id=course_id, last_lesson_id=place)
            db.session.add(enrolment)
    except IntegrityError:
        return db.session.scalar(query)
    enrolment_started.send(current_app._get_current_object(), enrolment=enrolment)
    return enrolment


def record_visit(user_id: int, course_id: int, lesson_id: int, place: Place | None) -> None:
    """Remember the lesson a learner opened last, so they resume there on any device.

    place is what the page already read: nothing is written when it is the same, and a move
    is one UPDATE of the enrolment (a lesson read moves it more often than anything else).
    """
    if place is not None and place.last_lesson_id == lesson_id:
        return
    if place is None:  # not enrolled yet: this visit enrols them, at this lesson
        with write_transaction():
            _enrolment(user_id, course_id, place=lesson_id).last_lesson_id = lesson_id
        return
    write_one(_move_place(), {"learner": user_id, "course": course_id, "lesson": lesson_id})


@cache
def _move_place():
    """Built once: building it cost about as much CPU as running it. (A parameter may not be
    named after a column the statement sets.)"""
    return (update(Enrolment)
            .where(Enrolment.user_id == bindparam("learner"),
                   Enrolment.course_id == bindparam("course"))
            .values(last_lesson_id=bindparam("lesson")))


def _locked_enrolment(user_id: int, course_id: int) -> Enrolment:
    """The learner's enrolment, locked until this transaction ends, so that one learner's
    completion decisions run one at a time: two last steps finished at once (two tabs) must not
    each miss the other's row. SQLite's BEGIN IMMEDIATE already runs writers one by one.

    One locking read when the learner is enrolled (nearly every step); a first step enrols
    them, then locks the new row."""
    locked = (select(Enrolment).with_for_update()
              .execution_options(populate_existing=True))
    enrolment = db.session.scalar(locked.where(Enrolment.user_id == user_id,
                                               Enrolment.course_id == course_id))
    if enrolment is not None:
        return enrolment
    enrolment = _enrolment(user_id, course_id)
    return db.session.scalar(locked.where(Enrolment.id == enrolment.id))


def locked_for_step(user_id: int, course_id: int) -> tuple[Snapshot, Enrolment]:
    """Lock the learner's enrolment in the course, then read what is published now (a trainer
    may have published since the request began), so the decision is made against the current
    course."""
    enrolment = _locked_enrolment(user_id, course_id)
    return published_snapshot(course_id, recheck=True), enrolment


def is_enrolled(user_id: int, course_id: int) -> bool:
    return db.session.scalar(select(Enrolment.id).where(
        Enrolment.user_id == user_id, Enrolment.course_id == course_id)) is not None


def mark_lesson_complete(user_id: int, course_id: int, lesson_id: int) -> StepOutcome:
    """Record the course's published lesson as done, once, and complete the course if that was
    all."""
    snapshot, enrolment = locked_for_step(user_id, course_id)
    if snapshot.lesson_by_id(lesson_id) is None:  # retired or moved out since the page loaded
        db.session.rollback()
        return StepOutcome(recorded=False)
    enrolment.last_lesson_id = lesson_id
    recorded = insert_once(LessonCompletion, user_id=user_id, lesson_id=lesson_id,
                           completed_at=utcnow())
    if recorded:
        tallies.bump(tallies.LESSON_DONE, lesson_id, tallies.utc_day(enrolment.started_at))
    # Decided even when nothing new was recorded: a trainer may have retired the one lesson
    # that was missing, or lowered the pass mark, since the learner's last step.
    certificate = complete_course_if_done(user_id, snapshot, enrolment)
    db.session.commit()
    return StepOutcome(recorded, certificate)


def add_once(row) -> bool:
    """Add a row that a unique constraint allows once (a guest's lesson done, a lesson joined
    from a guest); False if already there. An account's own completion is one statement
    (database.insert_once)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
        return True
    except IntegrityError:
        return False


def complete_lesson_by_slug(user_id: int, course_id: int, slug: str) -> bool:
    """Record a lesson chosen before logging in; an unknown or retired slug records nothing."""
    snapshot = published_snapshot(course_id)
    lesson = snapshot.lesson(slug) if snapshot else None
    return mark_lesson_complete(user_id, course_id, lesson.id).recorded if lesson else False


class QuizGone(Exception):
    """The module's quiz was removed (or the questions drawn for the attempt changed) while
    the learner was answering it."""


class DrawUsed(Exception):
    """The form's draw was made before an attempt submitted since (another tab, or the same
    page sent again): its questions are not asked twice."""


def submit_quiz(user_id: int, course_id: int, module_slug: str, answers: dict[str, list[int]],
                drawn: list[dict] | None = None,
                attempts_before: int | None = None) -> QuizOutcome:
    """Grade and keep an attempt at the drawn questions of the course's module's published
    quiz; a pass may complete the course. drawn: the attempt's draw (lms/progress/draw.py;
    None: every question, choices as written); attempts_before: how many attempts the learner
    had when the questions were drawn (None: not checked)."""
    snapshot, enrolment = locked_for_step(user_id, course_id)
    graded = grade_published(snapshot, module_slug, answers, drawn)
    # Counted under the enrolment's lock, so two tabs cannot both take the same number.
    earlier = db.session.scalar(select(func.count()).where(
        QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == graded.quiz_id))
    if attempts_before is not None and earlier != attempts_before:
        db.session.rollback()
        raise DrawUsed
    attempt = QuizAttempt(user_id=user_id, attempt_number=earlier + 1, **graded.attempt)
    db.session.add(attempt)
    db.session.flush()
    cohort_day = tallies.utc_day(enrolment.started_at)
    if attempt.attempt_number == 1:
        tallies.count_first_attempt(attempt, cohort_day)
    if attempt.passed:
        record_first_pass(attempt, cohort_day)
    certificate = complete_course_if_done(user_id, snapshot, enrolment)
    db.session.commit()
    return QuizOutcome(attempt, graded.results, certificate)


@dataclass(frozen=True)
class Graded:
    quiz_id: int
    score: int
    passed: bool
    answers: dict[str, list[int]]
    drawn: list[dict]
    results: list[QuestionResult]

    @property
    def attempt(self) -> dict:
        """The fields of an attempt row (an account's or a guest's)."""
        return dict(quiz_id=self.quiz_id, score=self.score, passed=self.passed,
                    answers=self.answers, drawn=self.drawn)


def grade_published(snapshot: Snapshot, module_slug: str, answers: dict[str, list[int]],
                    drawn: list[dict] | None) -> Graded:
    """Grade answers to the drawn questions of the module's quiz in this snapshot (only they
    count towards the pass mark); QuizGone if it has no quiz, or lost a question drawn (the
    caller's transaction is rolled back)."""
    module = snapshot.module(module_slug)
    by_key = {q.key: q for q in module.questions} if module is not None else {}
    if drawn is None and module is not None:
        drawn = all_in_order(module)
    asked = [by_key.get(item["key"]) for item in drawn or []]
    if module is None or not module.has_quiz or not asked or None in asked:
        db.session.rollback()
        raise QuizGone
    score, results = grade(asked, answers)
    return Graded(module.quiz_id, score, score >= snapshot.course.pass_mark, answers, drawn,
                  results)


def record_first_pass(attempt: QuizAttempt, cohort_day) -> None:
    """Keep the learner's first pass of this quiz (later passes change nothing)."""
    already = db.session.scalar(select(QuizPass.id).where(
        QuizPass.user_id == attempt.user_id, QuizPass.quiz_id == attempt.quiz_id))
    if already is None:
        quiz_pass = QuizPass(user_id=attempt.user_id, quiz_id=attempt.quiz_id,
                             passed_at=attempt.submitted_at, attempts=attempt.attempt_number)
        db.session.add(quiz_pass)
        tallies.count_first_pass(quiz_pass, cohort_day)


def complete_course_if_done(user_id: int, snapshot: Snapshot,
                            enrolment: Enrolment | None = None) -> Certificate | None:
    """Stamp completion and issue the certificate, inside the caller's transaction, when the
    learner has done every step and it was not recorded yet; returns the certificate issued now.

    Its render is queued after the commit.
    """
    enrolment = enrolment or _enrolment(user_id, snapshot.course_id)
    if enrolment.completed_at is not None:
        return None
    if not course_progress(user_id, snapshot).is_complete:
        return None
    enrolment.completed_at = utcnow()
    course_completed.send(current_app._get_current_object(), user_id=user_id,
                          course_id=snapshot.course_id, enrolment=enrolment)
    return issue_certificate(user_id, snapshot.course, enrolment.completed_at)


def current_progress(user_id: int, snapshot: Snapshot) -> CourseProgress:
    """The learner's progress, completing the course first when it became complete without a
    step of their own (a trainer retired what was missing, or lowered the pass mark)."""
    progress = course_progress(user_id, snapshot)
    if progress.is_complete and not progress.completion_recorded:
        with write_transaction():
            snapshot, enrolment = locked_for_step(user_id, snapshot.course_id)
            complete_course_if_done(user_id, snapshot, enrolment)
        progress = course_progress(user_id, published_snapshot(snapshot.course_id))
    return progress
