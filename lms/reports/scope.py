"""Which rows a report counts: the period, and which certificates are first awards."""
from sqlalchemy import and_, exists
from sqlalchemy.orm import aliased

from lms.certificates.models import Certificate
from lms.reports.period import Period


def within(column, period: Period):
    return and_(column >= period.start, column < period.end)


def first_award(course_id: int):
    """Certificates that are not a corrected reissue of another (those count as reissued)."""
    earlier = aliased(Certificate)
    return and_(Certificate.course_id == course_id,
                ~exists().where(earlier.superseded_by_id == Certificate.id))
