"""The progress rules: recording lessons and quiz attempts, and deciding course completion.

Completion is decided here and only here, in the same transaction as the write that completes it.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from lms.certificates.services import issue_certificate
from lms.courses.models import Course, Lesson, Quiz
from lms.courses.services import Outline, Step, current_course, load_outline
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.grading import QuestionResult, grade
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt


@dataclass
class ModuleProgress:
    module_slug: str
    title: str
    lessons_done: int
    lessons_total: int
    quiz_slug: str | None
    quiz_passed: bool
    best_score: int | None

    @property
    def items_done(self) -> int:
        return self.lessons_done + (1 if self.quiz_passed else 0)

    @property
    def items_total(self) -> int:
        return self.lessons_total + (1 if self.quiz_slug else 0)



@dataclass
class CourseProgress:
    outline: Outline
    completed_lesson_ids: set[int]
    passed_quiz_ids: set[int]
    best_scores: dict[int, int]
    enrolment: Enrolment | None
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def missing(self) -> list[Step]:
        """What is still needed for completion, in course order."""
        return [step for step in self.outline.steps if not self.is_done(step)]

    @property
    def completion_recorded(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def items_done(self) -> int:
        return sum(m.items_done for m in self.modules)

    @property
    def items_total(self) -> int:
        return sum(m.items_total for m in self.modules)


    def is_done(self, step: Step) -> bool:
        if step.kind == "lesson":
            return step.lesson.id in self.completed_lesson_ids
        return step.module.quiz.id in self.passed_quiz_ids

    @property
    def next_step(self) -> Step | None:
        """Where "Continue" goes: the last lesson opened if unfinished, else the next missing."""
        steps = self.outline.steps
        missing = self.missing
        if not missing:
            return None
        last_id = self.enrolment.last_lesson_id if self.enrolment else None
        start = next((i for i, s in enumerate(steps) if s.lesson and s.lesson.id == last_id), None)
        if start is None:
            return missing[0]
        after_last = [s for s in steps[start:] if not self.is_done(s)]
        return after_last[0] if after_last else missing[0]


def course_progress(user_id: int, outline: Outline | None = None) -> CourseProgress:
    """A learner's progress through the published course, in a fixed number of queries."""
    outline = outline or load_outline()
    lesson_ids = [lesson.id for lesson in outline.lessons]
    quiz_ids = [quiz.id for quiz in outline.quizzes]
    completed = set(
        db.session.scalars(
            select(LessonCompletion.lesson_id).where(
                LessonCompletion.user_id == user_id, LessonCompletion.lesson_id.in_(lesson_ids)
            )
        )
    )
    best = dict(
        db.session.execute(
            select(QuizAttempt.quiz_id, func.max(QuizAttempt.score))
            .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id.in_(quiz_ids))
            .group_by(QuizAttempt.quiz_id)
        ).all()
    )
    passed = {quiz_id for quiz_id, score in best.items() if score >= outline.course.pass_mark}
    enrolment = db.session.scalar(
        select(Enrolment).where(
            Enrolment.user_id == user_id, Enrolment.course_id == outline.course.id
        )
    )
    progress = CourseProgress(outline, completed, passed, best, enrolment)
    for module in outline.modules:
        quiz = module.active_quiz
        progress.modules.append(
            ModuleProgress(
                module_slug=module.slug,
                title=module.title,
                lessons_done=sum(lesson.id in completed for lesson in module.lessons),
                lessons_total=len(module.lessons),
                quiz_slug=module.slug if quiz else None,
                quiz_passed=bool(quiz and quiz.id in passed),
                best_score=best.get(quiz.id) if quiz else None,
            )
        )
    return progress


def _enrolment(user_id: int, course_id: int) -> Enrolment:
    """Get or create the learner's enrolment; safe when two requests race to create it."""
    query = select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.course_id == course_id)
    enrolment = db.session.scalar(query)
    if enrolment is not None:
        return enrolment
    try:
        with db.session.begin_nested():
            enrolment = Enrolment(user_id=user_id, course_id=course_id)
            db.session.add(enrolment)
    except IntegrityError:
        enrolment = db.session.scalar(query)
    return enrolment


def record_visit(user_id: int, lesson: Lesson) -> None:
    """Remember the lesson a learner opened last, so they resume there on any device."""
    enrolment = _enrolment(user_id, lesson.course_id)
    if enrolment.last_lesson_id != lesson.id:
        enrolment.last_lesson_id = lesson.id
    db.session.commit()


def _locked_enrolment(user_id: int, course_id: int) -> Enrolment:
    """The learner's enrolment, locked until this transaction ends, so that one learner's
    completion decisions run one at a time: two last steps finished at once (two tabs) must not
    each miss the other's row. SQLite's BEGIN IMMEDIATE already runs writers one by one."""
    enrolment = _enrolment(user_id, course_id)
    return db.session.scalar(
        select(Enrolment)
        .where(Enrolment.id == enrolment.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def mark_lesson_complete(user_id: int, lesson: Lesson) -> bool:
    """Record the lesson as done, once. Returns True if this call recorded it."""
    _locked_enrolment(user_id, lesson.course_id).last_lesson_id = lesson.id
    try:
        with db.session.begin_nested():
            db.session.add(LessonCompletion(user_id=user_id, lesson_id=lesson.id))
        recorded = True
    except IntegrityError:
        recorded = False
    # Decided even when nothing new was recorded: a trainer may have retired the one lesson
    # that was missing, or lowered the pass mark, since the learner's last step.
    evaluate_completion(user_id)
    db.session.commit()
    return recorded


def refresh_completion(user_id: int, course_id: int) -> bool:
    """Complete the course now if it became complete without a step of the learner's own (a
    trainer retired what was missing, or lowered the pass mark). True when it completes now."""
    _locked_enrolment(user_id, course_id)
    completed = evaluate_completion(user_id)
    db.session.commit()
    return completed


def complete_lesson_by_slug(user_id: int, slug: str) -> bool:
    """Record a lesson chosen before logging in; an unknown or retired slug records nothing."""
    lesson = db.session.scalar(
        select(Lesson).where(
            Lesson.course_id == current_course().id, Lesson.slug == slug, Lesson.retired.is_(False)
        )
    )
    return mark_lesson_complete(user_id, lesson) if lesson else False


def submit_quiz(
    user_id: int, quiz: Quiz, answers: dict[str, list[int]], course: Course
) -> tuple[QuizAttempt, list[QuestionResult]]:
    """Grade and keep an attempt; a pass may complete the course."""
    questions = [q for q in quiz.questions if not q.retired]
    score, results = grade(questions, answers)
    attempt = QuizAttempt(
        user_id=user_id,
        quiz_id=quiz.id,
        score=score,
        passed=score >= course.pass_mark,
        answers=answers,
    )
    _locked_enrolment(user_id, course.id)
    db.session.add(attempt)
    db.session.flush()
    evaluate_completion(user_id)
    db.session.commit()
    return attempt, results


def evaluate_completion(user_id: int) -> bool:
    """Decide course completion inside the caller's transaction; True when it completes now.

    The certificate is issued in the same transaction; its render is queued after the commit.
    """
    progress = course_progress(user_id)
    enrolment = _enrolment(user_id, progress.outline.course.id)
    if enrolment.completed_at is None and progress.is_complete:
        enrolment.completed_at = utcnow()
        issue_certificate(user_id, progress.outline.course, enrolment.completed_at)
        return True
    return False


def attempts_for(user_id: int, quiz: Quiz) -> list[QuizAttempt]:
    return list(
        db.session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz.id)
            .order_by(QuizAttempt.submitted_at.desc())
        )
    )
