"""Enrolments, completions and certificates over time, by week or month."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, literal_column, select, union_all

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.reports.charts import column_chart
from lms.reports.period import Period
from lms.reports.privacy import MIN_GROUP, people, small_counts_note
from lms.reports.scope import first_award, within
from lms.reports.sql import bucket
from lms.reports.tables import Report, Table

SERIES = (("enrolments", _l("Enrolments")), ("completions", _l("Completions")),
          ("certificates", _l("Certificates issued")))


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
    weekly = period.by == "week"
    table = Table((gettext("Per week, from %(period)s", period=period.label) if weekly else
                   gettext("Per month, from %(period)s", period=period.label)),
                  [gettext("Week starting") if weekly else gettext("Month starting"),
                   *(str(label) for _, label in SERIES)])
    for day in days:
        table.rows.append([day, *(people(counts.get((name, day), 0)) for name, _ in SERIES)])
    totals = {name: sum(v for (n, _), v in counts.items() if n == name) for name, _ in SERIES}
    summary = [gettext("From %(period)s: %(enrolments)s enrolments, %(completions)s "
                       "completions and %(certificates)s certificates issued.",
                       period=period.label, enrolments=people(totals["enrolments"]),
                       completions=people(totals["completions"]),
                       certificates=people(totals["certificates"]))]
    if totals["enrolments"] >= MIN_GROUP:
        busiest = max(days, key=lambda day: counts.get(("enrolments", day), 0))
        summary.append(
            gettext("Most enrolments were in the week starting %(day)s.", day=busiest) if weekly
            else gettext("Most enrolments were in the month starting %(day)s.", day=busiest))
    chart = column_chart(
        "activity-chart",
        gettext("Enrolments, completions and certificates per week") if weekly
        else gettext("Enrolments, completions and certificates per month"),
        summary[0], days,
        [(str(label), [row[i + 1] for row in table.rows])
         for i, (_, label) in enumerate(SERIES)])
    return Report("activity", gettext("Enrolments, completions and certificates over time"),
                  period.label, summary, [table], chart, notes=[
                      gettext("An enrolment is counted when a learner first records a step; a "
                              "completion when the last step is done. Corrected reissues are "
                              "not new certificates."),
                      small_counts_note()])
