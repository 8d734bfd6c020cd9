"""Time to complete (median and spread) and certificates issued, revoked and reissued."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, literal_column, select, union_all

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.reports.charts import bar_chart
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, MIN_GROUP, people, small_counts_note
from lms.reports.scope import first_award, within
from lms.reports.sql import seconds_between
from lms.reports.tables import Report, Table

DAY = 86400
# (label, upper bound in days, exclusive); the last has none.
SPANS = (("Within a day", 1), ("1 to 7 days", 7), ("1 to 4 weeks", 28), ("1 to 3 months", 91),
         ("More than 3 months", None))
# The spans' names above are the keys the SQL groups by; these are what a reader sees.
SPAN_WORDS = {
    "Within a day": (_l("Within a day"), _l("Completed within a day")),
    "1 to 7 days": (_l("1 to 7 days"), _l("Completed 1 to 7 days")),
    "1 to 4 weeks": (_l("1 to 4 weeks"), _l("Completed 1 to 4 weeks")),
    "1 to 3 months": (_l("1 to 3 months"), _l("Completed 1 to 3 months")),
    "More than 3 months": (_l("More than 3 months"), _l("Completed more than 3 months")),
}


def _durations(course_id: int, period: Period):
    return (select(seconds_between(Enrolment.started_at, Enrolment.completed_at).label("s"))
            .where(Enrolment.course_id == course_id, within(Enrolment.completed_at, period))
            .subquery())


def _quartiles(course_id: int, period: Period) -> tuple[int, float, float, float]:
    """(learners, 25th percentile, median, 75th percentile) in days, by nearest rank, computed
    with window functions in the database."""
    durations = _durations(course_id, period)
    ranked = select(durations.c.s, func.row_number().over(order_by=durations.c.s).label("rn"),
                    func.count().over().label("n")).subquery()
    n, rn, s = ranked.c.n, ranked.c.rn, ranked.c.s

    def at_rank(rank):
        return func.max(case((rn == rank, s)))

    row = db.session.execute(select(func.max(n), at_rank((n + 3) // 4), at_rank((n + 1) // 2),
                                    at_rank((3 * n + 3) // 4))).one()
    count = row[0] or 0
    return count, *((value or 0) / DAY for value in row[1:])


def _spans(course_id: int, period: Period) -> dict[str, int]:
    durations = _durations(course_id, period)
    whens = [(durations.c.s < high * DAY, literal_column(f"'{label}'"))
             for label, high in SPANS if high is not None]
    span = case(*whens, else_=literal_column(f"'{SPANS[-1][0]}'"))
    return dict(db.session.execute(select(span, func.count()).group_by(span)).all())


def _certificates(course_id: int, period: Period) -> dict[str, int]:
    def counted(name, column, *where):
        return select(literal_column(f"'{name}'"), func.count()).where(within(column, period),
                                                                       *where)

    rows = db.session.execute(union_all(
        counted("issued", Certificate.issued_at, first_award(course_id)),
        counted("revoked", Certificate.revoked_at, Certificate.course_id == course_id),
        counted("reissued", Certificate.superseded_at, Certificate.course_id == course_id),
    )).all()
    return dict(rows)


def _days(value: float) -> str:
    return f"{value:.1f}"


def completion_report(course_id: int, period: Period) -> Report:
    count, q1, median, q3 = _quartiles(course_id, period)
    spans = _spans(course_id, period)
    certificates = _certificates(course_id, period)
    enough = count >= MIN_GROUP
    columns = [gettext("Measure"), gettext("Value")]
    timing = Table(gettext("Time from enrolment to completion"), columns, [
        [gettext("Learners who completed in the period"), people(count)],
        # Numbers, not text, so a spreadsheet can use them.
        [gettext("Median, days"), round(median, 1) if enough else HIDDEN],
        [gettext("25th percentile, days"), round(q1, 1) if enough else HIDDEN],
        [gettext("75th percentile, days"), round(q3, 1) if enough else HIDDEN],
        *([str(SPAN_WORDS[label][1]), people(spans.get(label, 0))] for label, _ in SPANS),
    ])
    awards = Table(gettext("Certificates"), columns, [
        [gettext("Certificates issued"), people(certificates.get("issued", 0))],
        [gettext("Certificates revoked"), people(certificates.get("revoked", 0))],
        [gettext("Certificates reissued with a correction"),
         people(certificates.get("reissued", 0))],
    ])
    summary = [gettext("%(count)s learners completed the course from %(period)s.",
                       count=people(count), period=period.label)]
    if enough:
        summary.append(gettext("Half took %(median)s days or less; the middle half took "
                               "between %(q1)s and %(q3)s days.", median=_days(median),
                               q1=_days(q1), q3=_days(q3)))
    chart = bar_chart("completion-chart", gettext("How long learners took to complete"),
                      summary[0], [str(SPAN_WORDS[label][0]) for label, _ in SPANS],
                      [(gettext("Learners"),
                        [people(spans.get(label, 0)) for label, _ in SPANS])])
    return Report("completion", gettext("Time to complete, and certificates"), period.label,
                  summary, [timing, awards], chart, notes=[
                      gettext("Time to complete runs from the learner's first recorded step to "
                              "the last; learners who completed in the period are counted."),
                      gettext("Issued counts first awards; a corrected reissue counts as "
                              "reissued."), small_counts_note()])
