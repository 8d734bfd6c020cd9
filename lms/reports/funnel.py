"""The funnel: for every step in course order, how many of the learners who started in the
period reached it and how many completed it, so the step where parents stop shows."""
from sqlalchemy import Integer, and_, cast, exists, func, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from lms.courses.snapshot import Snapshot, StepKind
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt, QuizPass
from lms.reports.charts import bar_chart
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, people, share
from lms.reports.scope import started_in, within
from lms.reports.tables import Report, Table


def _counts(snapshot: Snapshot, period: Period) -> dict[tuple[str, int | None], int]:
    """{(what, lesson or quiz id): learners}, in one round trip; "cohort" is the total."""
    course_id = snapshot.course_id
    cohort = started_in(course_id, period)
    done = aliased(LessonCompletion)
    rows = db.session.execute(union_all(
        select(literal_column("'cohort'"), cast(null(), Integer), func.count())
        .select_from(Enrolment)
        .where(Enrolment.course_id == course_id, within(Enrolment.started_at, period)),
        select(literal_column("'lesson_done'"), LessonCompletion.lesson_id, func.count())
        .where(LessonCompletion.user_id.in_(cohort)).group_by(LessonCompletion.lesson_id),
        # Reached but not done: the lesson they are on now (their place), not marked complete.
        select(literal_column("'lesson_here'"), Enrolment.last_lesson_id, func.count())
        .where(Enrolment.course_id == course_id, within(Enrolment.started_at, period),
               Enrolment.last_lesson_id.is_not(None),
               ~exists().where(and_(done.user_id == Enrolment.user_id,
                                    done.lesson_id == Enrolment.last_lesson_id)))
        .group_by(Enrolment.last_lesson_id),
        select(literal_column("'quiz_tried'"), QuizAttempt.quiz_id, func.count())
        .where(QuizAttempt.attempt_number == 1, QuizAttempt.user_id.in_(cohort))
        .group_by(QuizAttempt.quiz_id),
        select(literal_column("'quiz_passed'"), QuizPass.quiz_id, func.count())
        .where(QuizPass.user_id.in_(cohort)).group_by(QuizPass.quiz_id),
    )).all()
    return {(what, ref): count for what, ref, count in rows}


def _biggest_drop(rows: list[list], reached: list[int]) -> list[str]:
    """Where most learners stop: the largest fall in "reached" from one step to the next, told
    only when both counts may be shown (the table shows them too)."""
    drops = [(reached[i] - reached[i + 1], i) for i in range(len(reached) - 1)
             if people(reached[i]) is not HIDDEN and people(reached[i + 1]) is not HIDDEN]
    lost, i = max(drops, key=lambda drop: (drop[0], -drop[1]), default=(0, 0))
    if lost <= 0:
        return []
    return [f"The biggest drop comes after step {i + 1}, “{rows[i][1]}”: {reached[i]} reached "
            f"it and {reached[i + 1]} reached the next step."]


def funnel_report(snapshot: Snapshot, period: Period) -> Report:
    counts = _counts(snapshot, period)
    cohort = counts.get(("cohort", None), 0)
    table = Table(f"Learners who started from {period.label}, step by step",
                  ["Step", "Title", "Reached", "Completed", "Completed, % of reached"])
    reached_by_step = []
    for number, step in enumerate(snapshot.steps, start=1):
        if step.kind is StepKind.LESSON:
            completed = counts.get(("lesson_done", step.lesson.id), 0)
            reached = completed + counts.get(("lesson_here", step.lesson.id), 0)
        else:
            reached = counts.get(("quiz_tried", step.module.quiz_id), 0)
            completed = counts.get(("quiz_passed", step.module.quiz_id), 0)
        table.rows.append([number, step.title, people(reached), people(completed),
                           share(completed, reached)])
        reached_by_step.append(reached)
    summary = [f"{people(cohort)} learners started the course from {period.label}."]
    summary += _biggest_drop(table.rows, reached_by_step)
    chart = bar_chart("funnel-chart", "Learners reaching and completing each step", summary[0],
                      [f"{row[0]}. {row[1]}" for row in table.rows],
                      [("Reached", [row[2] for row in table.rows]),
                       ("Completed", [row[3] for row in table.rows])])
    return Report("funnel", "Where learners stop: the funnel", period.label, summary, [table],
                  chart, notes=[
                      "Counts the learners whose enrolment started in the period, with all "
                      "their progress to date.",
                      "A lesson is reached when it is marked complete or it is the lesson the "
                      "learner opened last; a quiz when it is tried at least once, completed "
                      "when passed.", "Counts of 1 to 9 are shown as “fewer than 10”."])
