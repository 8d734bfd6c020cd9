"""Report pages and their CSV files, for trainers and admins: only aggregates, never names."""
from datetime import UTC, datetime

from flask import Blueprint, g, render_template, request
from flask_babel import lazy_gettext as _l

from lms.authoring.blueprint import scope_to_managed_course
from lms.catalogue.published import published_snapshot
from lms.reports import reading
from lms.reports.activity import activity_report
from lms.reports.completion import completion_report
from lms.reports.csv import csv_response
from lms.reports.funder import funder_report
from lms.reports.funnel import funnel_report
from lms.reports.period import BadPeriod, parse_period
from lms.reports.quizzes import quiz_report

bp = Blueprint("reports", __name__, url_prefix="/manage/<course>/reports")
scope_to_managed_course(bp)  # the same rule as /manage/<course>: the course's staff and admins

# name: (link text, builder over (snapshot, period))
REPORTS = {
    "activity": (_l("Enrolments, completions and certificates over time"),
                 lambda snapshot, period: activity_report(snapshot.course_id, period)),
    "funnel": (_l("Where learners stop: the funnel"), funnel_report),
    "quizzes": (_l("Quiz item analysis"), quiz_report),
    "completion": (_l("Time to complete, and certificates"),
                   lambda snapshot, period: completion_report(snapshot.course_id, period)),
    "funder": (_l("Funder report (one printable page)"),
               lambda snapshot, period: funder_report(snapshot.course_id, period)),
}


def _period_or_error():
    try:
        return parse_period(request.args), None
    except BadPeriod as error:
        return None, str(error)


@bp.get("/")
def index():
    period, error = _period_or_error()
    return render_template("reports/index.html", reports=REPORTS, period=period, error=error,
                           args=request.args), 400 if error else 200


def _report(name: str, as_csv: bool):
    snapshot = published_snapshot(g.course.id)
    period, error = _period_or_error()
    if error:
        return render_template("reports/index.html", reports=REPORTS, period=None,
                               error=error, args=request.args), 400
    reading.flush()  # this process's views without an account, so the report has them now
    report = REPORTS[name][1](snapshot, period)
    if as_csv:
        stamp = f"{period.first.isoformat()}-to-{period.last.isoformat()}"
        return csv_response(report.table_for_csv(), f"{name}-{stamp}.csv")
    return render_template("reports/report.html", report=report, period=period,
                           printed=datetime.now(UTC))


def _register(name: str) -> None:
    bp.add_url_rule(f"/{name}", name, lambda: _report(name, as_csv=False))
    bp.add_url_rule(f"/{name}.csv", f"{name}_csv", lambda: _report(name, as_csv=True))


for _name in REPORTS:
    _register(_name)
