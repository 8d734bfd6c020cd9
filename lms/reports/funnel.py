"""The funnel: for every step in course order, how many of the learners who started in the
period reached it and how many completed it, so the step where parents stop shows."""
from flask_babel import gettext
from sqlalchemy import (
    Integer,
    and_,
    case,
    cast,
    exists,
    func,
    literal_column,
    null,
    select,
    union_all,
)

from lms.catalogue.snapshot import Snapshot, StepKind
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion
from lms.progress.tallies import LESSON_DONE, QUIZ_PASSED, QUIZ_TRIED, ReportTally
from lms.reports.charts import bar_chart
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, people, share, small_counts_note
from lms.reports.reading import LessonReading, reading_note
from lms.reports.scope import within
from lms.reports.tables import Report, Table


def _counts(snapshot: Snapshot, period: Period) -> dict[tuple[str, int | None], int]:
    """{(what, lesson or quiz id): learners}, in one round trip; "cohort" is the total, "read"
    the lesson's views without an account in the period (lms/reports/reading.py).

    Lessons done, quizzes tried and passed come from the running counts (summed over the
    cohort's enrolment days); "here" counts the cohort's learners whose place is a lesson
    they have not marked complete, probing the completion index once per enrolment.
    """
    course_id = snapshot.course_id
    in_cohort = and_(Enrolment.course_id == course_id, within(Enrolment.started_at, period))
    place_done = exists().where(and_(LessonCompletion.user_id == Enrolment.user_id,
                                     LessonCompletion.lesson_id == Enrolment.last_lesson_id))
    refs = [*snapshot.lesson_ids, *snapshot.quiz_ids]  # the snapshot may hold sets
    rows = db.session.execute(union_all(
        select(literal_column("'cohort'"), cast(null(), Integer), func.count())
        .select_from(Enrolment).where(in_cohort),
        # A CASE, not a WHERE NOT EXISTS: the database then probes the index per enrolment
        # instead of hashing every completion ever recorded.
        select(literal_column("'lesson_here'"), Enrolment.last_lesson_id,
               func.sum(case((place_done, 0), else_=1)))
        .where(in_cohort, Enrolment.last_lesson_id.is_not(None))
        .group_by(Enrolment.last_lesson_id),
        select(ReportTally.measure, ReportTally.ref_id, func.sum(ReportTally.count))
        .where(ReportTally.measure.in_([LESSON_DONE, QUIZ_TRIED, QUIZ_PASSED]),
               ReportTally.ref_id.in_(refs), ReportTally.day >= period.first,
               ReportTally.day <= period.last)
        .group_by(ReportTally.measure, ReportTally.ref_id),
        select(literal_column("'read'"), LessonReading.lesson_id, func.sum(LessonReading.views))
        .where(LessonReading.lesson_id.in_(list(snapshot.lesson_ids)),
               LessonReading.day >= period.first, LessonReading.day <= period.last)
        .group_by(LessonReading.lesson_id),
    )).all()
    return {(what, ref): int(count or 0) for what, ref, count in rows}


def _biggest_drop(rows: list[list], reached: list[int]) -> list[str]:
    """Where most learners stop: the largest fall in "reached" from one step to the next, told
    only when both counts may be shown (the table shows them too)."""
    drops = [(reached[i] - reached[i + 1], i) for i in range(len(reached) - 1)
             if people(reached[i]) is not HIDDEN and people(reached[i + 1]) is not HIDDEN]
    lost, i = max(drops, key=lambda drop: (drop[0], -drop[1]), default=(0, 0))
    if lost <= 0:
        return []
    return [gettext("The biggest drop comes after step %(number)s, “%(title)s”: %(reached)s "
                    "reached it and %(next)s reached the next step.", number=i + 1,
                    title=rows[i][1], reached=reached[i], next=reached[i + 1])]


def funnel_report(snapshot: Snapshot, period: Period) -> Report:
    counts = _counts(snapshot, period)
    cohort = counts.get(("cohort", None), 0)
    table = Table(gettext("Learners who started from %(period)s, step by step",
                          period=period.label),
                  [gettext("Step"), gettext("Title"), gettext("Reached"), gettext("Completed"),
                   gettext("Completed, %(pct)s of reached", pct="%"),
                   gettext("Read without an account (page views)")])
    reached_by_step = []
    for number, step in enumerate(snapshot.steps, start=1):
        if step.kind is StepKind.LESSON:
            completed = counts.get((LESSON_DONE, step.lesson.id), 0)
            reached = completed + counts.get(("lesson_here", step.lesson.id), 0)
            read = counts.get(("read", step.lesson.id), 0)  # views, not people: never hidden
        else:
            reached = counts.get((QUIZ_TRIED, step.module.quiz_id), 0)
            completed = counts.get((QUIZ_PASSED, step.module.quiz_id), 0)
            read = ""  # quizzes are not counted without an account
        table.rows.append([number, step.title, people(reached), people(completed),
                           share(completed, reached), read])
        reached_by_step.append(reached)
    summary = [gettext("%(count)s learners started the course from %(period)s.",
                       count=people(cohort), period=period.label)]
    summary += _biggest_drop(table.rows, reached_by_step)
    summary.append(gettext("Lesson pages were read %(views)s times without an account in the "
                           "period.", views=sum(count for (what, _), count in counts.items()
                                                if what == "read")))
    chart = bar_chart("funnel-chart", gettext("Learners reaching and completing each step"),
                      summary[0], [f"{row[0]}. {row[1]}" for row in table.rows],
                      [(gettext("Reached"), [row[2] for row in table.rows]),
                       (gettext("Completed"), [row[3] for row in table.rows])])
    return Report("funnel", gettext("Where learners stop: the funnel"), period.label, summary,
                  [table], chart, notes=[
                      gettext("Counts the learners whose enrolment started in the period, with "
                              "all their progress to date."),
                      gettext("A lesson is reached when it is marked complete or it is the "
                              "lesson the learner opened last; a quiz when it is tried at least "
                              "once, completed when passed."), small_counts_note(),
                      reading_note()])
