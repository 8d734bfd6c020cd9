"""Enrolments, completions and certificates over time, by week or month."""
from sqlalchemy import func, literal_column, select, union_all

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.reports.charts import column_chart
from lms.reports.period import Period
from lms.reports.privacy import MIN_GROUP, people
from lms.reports.scope import first_award, within
from lms.reports.sql import bucket
from lms.reports.tables import Report, Table

SERIES = (("enrolments", "Enrolments"), ("completions", "Completions"),
          ("certificates", "Certificates issued"))


def _counts(course_id: int, period: Period) -> dict[tuple[str, str], int]:
    """{(series, first day of the bucket): count}, in one round trip."""
    def grouped(name, column, *where):
        day = bucket(column, period.by)
        return (select(literal_column(f"'{name}'"), day, func.count())
                .where(within(column, period), *where).group_by(day))

    rows = db.session.execute(union_all(
        grouped("enrolments", Enrolment.started_at, Enrolment.course_id == course_id),
        grouped("completions", Enrolment.completed_at, Enrolment.course_id == course_id),
        grouped("certificates", Certificate.issued_at, first_award(course_id)),
    )).all()
    return {(name, str(day)[:10]): count for name, day, count in rows}


def activity_report(course_id: int, period: Period) -> Report:
    counts = _counts(course_id, period)
    days = [day.isoformat() for day in period.buckets()]
    table = Table(f"Per {period.by}, from {period.label}",
                  [f"{period.by.capitalize()} starting", *(label for _, label in SERIES)])
    for day in days:
        table.rows.append([day, *(people(counts.get((name, day), 0)) for name, _ in SERIES)])
    totals = {name: sum(v for (n, _), v in counts.items() if n == name) for name, _ in SERIES}
    summary = [f"From {period.label}: {people(totals['enrolments'])} enrolments, "
               f"{people(totals['completions'])} completions and "
               f"{people(totals['certificates'])} certificates issued."]
    if totals["enrolments"] >= MIN_GROUP:
        busiest = max(days, key=lambda day: counts.get(("enrolments", day), 0))
        summary.append(f"Most enrolments were in the {period.by} starting {busiest}.")
    chart = column_chart(
        "activity-chart", f"Enrolments, completions and certificates per {period.by}",
        summary[0], days,
        [(label, [row[i + 1] for row in table.rows]) for i, (_, label) in enumerate(SERIES)])
    return Report("activity", "Enrolments, completions and certificates over time",
                  period.label, summary, [table], chart, notes=[
                      "An enrolment is counted when a learner first records a step; a completion "
                      "when the last step is done. Corrected reissues are not new certificates.",
                      "Counts of 1 to 9 are shown as “fewer than 10”."])
