"""Running counts of progress for the reports, kept in the transaction of each step.

Counting 10 million progress rows per report page is too slow, so each step also adds one to
a few counters: per day, per lesson or quiz, per question and answer. A report sums a year of
days (thousands of small rows) instead. Every counter can be rebuilt from the progress tables
(`flask reports rebuild-tallies`, and the migration that added them), which is also how a
deleted account's contribution is taken away (forget_learner).
"""
from datetime import UTC, date, datetime

from sqlalchemy import Date, Integer, String, delete, select, text
from sqlalchemy.orm import Mapped, mapped_column

from lms.database import dialect_insert
from lms.extensions import db
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt, QuizPass

# measure: (what ref is, what the day is)
LESSON_DONE = "lesson_done"      # lesson id; the learner's enrolment day (their cohort)
QUIZ_TRIED = "quiz_tried"        # quiz id; enrolment day
QUIZ_PASSED = "quiz_passed"      # quiz id; enrolment day
FIRST_ATTEMPT = "first_attempt"  # quiz id; day of the attempt
ANSWER = "answer"                # quiz id, key: question, bucket: choices picked (bitmask); day
ATTEMPTS_NEEDED = "attempts_needed"  # quiz id, bucket: attempts it took; day of the pass


class ReportTally(db.Model):
    measure: Mapped[str] = mapped_column(String(20), primary_key=True)
    ref_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def mask(choices) -> int:
    """The choices picked as one number: bit i set when choice i was picked."""
    return sum(1 << int(choice) for choice in set(choices))


def bump(measure: str, ref_id: int, day: date, key: str = "", bucket: int = 0,
         by: int = 1) -> None:
    """Add `by` to one counter, in the caller's transaction (an upsert: no read first)."""
    statement = dialect_insert(ReportTally).values(measure=measure, ref_id=ref_id, key=key,
                                           bucket=bucket, day=day, count=by)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["measure", "ref_id", "key", "bucket", "day"],
        set_={"count": ReportTally.count + by}))


def count_first_attempt(attempt: QuizAttempt, cohort_day: date, by: int = 1) -> None:
    day = utc_day(attempt.submitted_at)
    bump(QUIZ_TRIED, attempt.quiz_id, cohort_day, by=by)
    bump(FIRST_ATTEMPT, attempt.quiz_id, day, by=by)
    for question, choices in (attempt.answers or {}).items():
        bump(ANSWER, attempt.quiz_id, day, key=str(question)[:80], bucket=mask(choices), by=by)


def count_first_pass(quiz_pass: QuizPass, cohort_day: date, by: int = 1) -> None:
    bump(QUIZ_PASSED, quiz_pass.quiz_id, cohort_day, by=by)
    bump(ATTEMPTS_NEEDED, quiz_pass.quiz_id, utc_day(quiz_pass.passed_at),
         bucket=quiz_pass.attempts, by=by)


def forget_learner(user_id: int) -> None:
    """Take a learner's steps out of the counts, before their progress rows are deleted."""
    for enrolment in db.session.scalars(select(Enrolment).where(Enrolment.user_id == user_id)):
        cohort = utc_day(enrolment.started_at)
        for lesson_id in db.session.scalars(select(LessonCompletion.lesson_id)
                                            .where(LessonCompletion.user_id == user_id)):
            bump(LESSON_DONE, lesson_id, cohort, by=-1)
        for attempt in db.session.scalars(select(QuizAttempt).where(
                QuizAttempt.user_id == user_id, QuizAttempt.attempt_number == 1)):
            count_first_attempt(attempt, cohort, by=-1)
        for quiz_pass in db.session.scalars(select(QuizPass)
                                            .where(QuizPass.user_id == user_id)):
            count_first_pass(quiz_pass, cohort, by=-1)


def rebuild_tallies(connection) -> None:
    """Recount everything from the progress tables (SQL in the database, any size)."""
    postgres = connection.dialect.name == "postgresql"

    def day(column: str) -> str:
        return f"CAST(timezone('UTC', {column}) AS DATE)" if postgres else f"date({column})"

    unpack = ("json_each(a.answers) AS q(key, value) CROSS JOIN LATERAL "
              "json_array_elements_text(q.value) AS c(value)" if postgres
              else "json_each(a.answers) AS q, json_each(q.value) AS c")
    if postgres:  # steps wait meanwhile, so none is counted twice or missed
        connection.execute(text("LOCK TABLE report_tally IN EXCLUSIVE MODE"))
    connection.execute(delete(ReportTally))
    insert = "INSERT INTO report_tally (measure, ref_id, key, bucket, day, count) "
    statements = [
        f"SELECT '{LESSON_DONE}', lc.lesson_id, '', 0, {day('e.started_at')}, count(*) "  # noqa: S608
        "FROM lesson_completion lc JOIN lesson l ON l.id = lc.lesson_id "
        "JOIN module m ON m.id = l.module_id "
        "JOIN enrolment e ON e.user_id = lc.user_id AND e.course_id = m.course_id "
        f"GROUP BY lc.lesson_id, {day('e.started_at')}",
        *(f"SELECT '{measure}', t.quiz_id, '', 0, {day('e.started_at')}, count(*) "  # noqa: S608
          f"FROM {table} t JOIN quiz z ON z.id = t.quiz_id JOIN module m ON m.id = z.module_id "
          "JOIN enrolment e ON e.user_id = t.user_id AND e.course_id = m.course_id "
          f"WHERE {where} GROUP BY t.quiz_id, {day('e.started_at')}"
          for measure, table, where in ((QUIZ_TRIED, "quiz_attempt", "t.attempt_number = 1"),
                                        (QUIZ_PASSED, "quiz_pass", "1 = 1"))),
        f"SELECT '{FIRST_ATTEMPT}', quiz_id, '', 0, {day('submitted_at')}, count(*) "  # noqa: S608
        f"FROM quiz_attempt WHERE attempt_number = 1 GROUP BY quiz_id, {day('submitted_at')}",
        f"SELECT '{ANSWER}', quiz_id, question, mask, day, count(*) FROM ("  # noqa: S608
        f"  SELECT a.quiz_id, q.key AS question, {day('a.submitted_at')} AS day, "
        "   sum(1 << CAST(c.value AS INTEGER)) AS mask "
        f"  FROM quiz_attempt AS a CROSS JOIN {unpack} WHERE a.attempt_number = 1 "
        "   GROUP BY a.id, a.quiz_id, q.key, a.submitted_at) AS picked "
        "GROUP BY quiz_id, question, mask, day",
        f"SELECT '{ATTEMPTS_NEEDED}', quiz_id, '', attempts, {day('passed_at')}, count(*) "  # noqa: S608
        f"FROM quiz_pass GROUP BY quiz_id, attempts, {day('passed_at')}",
    ]
    for statement in statements:
        connection.execute(text(insert + statement))  # constant SQL from this module only
