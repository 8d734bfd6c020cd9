"""What an organisation's key reads: a course's enrolments and completions in a date range
(paged), a certificate's status, and the funder report's figures, small groups hidden exactly as
on the report's page (the report service builds both)."""
from sqlalchemy import select

from lms.api.mine import certificate_fields, course_slugs
from lms.api.pagination import Page, keyset_page
from lms.auth.models import User
from lms.certificates.lookups import certificate_by_code
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.reports import reading
from lms.reports.funder import funder_report
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, Hidden
from lms.reports.scope import within

STARTED, COMPLETED = "started", "completed"


def enrolments_page(course_id: int, period: Period, which: str, *, limit: int,
                    cursor: str | None) -> Page:
    """The course's enrolments that started (or completed) in the period, by id."""
    column = Enrolment.started_at if which == STARTED else Enrolment.completed_at
    query = (select(Enrolment, User).join(User, User.id == Enrolment.user_id)
             .where(Enrolment.course_id == course_id, within(column, period)))
    name = f"{which}:{course_id}:{period.first}:{period.last}"
    return keyset_page(db.session, query, Enrolment.id, limit=limit, cursor=cursor,
                       query_name=name)


def enrolment_fields(enrolment: Enrolment, user: User) -> dict:
    return {"id": enrolment.id, "started_at": enrolment.started_at,
            "completed_at": enrolment.completed_at,
            "learner": {"id": user.id, "name": user.name, "email": user.email}}


def certificate_status(reference: str) -> dict | None:
    """A certificate found by its code or its id, with its status now; None if none."""
    reference = reference.strip()
    certificate = (db.session.get(Certificate, int(reference))
                   if reference.isdigit() and len(reference) < 10
                   else certificate_by_code(reference))
    if certificate is None:
        return None
    successor = certificate.superseded_by
    return certificate_fields(certificate, course_slugs([certificate.course_id])) | {
        "printed_name": None if certificate.holder_forgotten else certificate.printed_name,
        "valid": certificate.status.is_valid, "revoked_at": certificate.revoked_at,
        "superseded_by": successor.code if successor is not None else None}


def _cell(value):
    return str(value) if isinstance(value, Hidden) else value


def _figure(row: list) -> dict:
    measure, value, percent = row
    return {"measure": measure, "hidden": value is HIDDEN,
            "value": value if isinstance(value, int) else None,
            "percent": percent if isinstance(percent, int) else None}


def funder_figures(course_id: int, slug: str, period: Period) -> dict:
    reading.flush()  # this process's views without an account, as the page does
    report = funder_report(course_id, period)
    headline = report.tables[0]
    return {"course": slug, "first": period.first, "last": period.last,
            "figures": [_figure(row) for row in headline.rows],
            "tables": [{"caption": table.caption, "columns": [str(c) for c in table.columns],
                        "rows": [[_cell(cell) for cell in row] for row in table.rows]}
                       for table in report.tables],
            "notes": report.notes}
