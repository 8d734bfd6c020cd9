"""Whole calendar quarters: the only spans the survey and quiz breakdowns are counted over.

A breakdown counted over a free range of days could be compared with one a day longer, and the
difference would be the one person who joined that day (security review N1). Quarters never
overlap and are never combined, so no two breakdowns can be subtracted: a report's period is
widened to the quarters it touches, and each quarter is counted on its own.
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import gettext
from sqlalchemy import and_, case

from lms.dates import long_date
from lms.reports.period import Period

MOST = 8  # quarters shown side by side (two years); a longer period shows its last eight


@dataclass(frozen=True)
class Quarter:
    first: date
    last: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), UTC)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day (UTC)."""
        return datetime.combine(self.following(), time(), UTC)

    @property
    def label(self) -> str:
        return gettext("Q%(number)s %(year)s", number=(self.first.month + 2) // 3,
                       year=self.first.year)

    def following(self) -> date:
        month = self.first.month + 3
        return date(self.first.year + (month > 12), (month - 1) % 12 + 1, 1)


def quarter_of(day: date) -> Quarter:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = Quarter(first, first).following()
    return Quarter(first, date.fromordinal(following.toordinal() - 1))


def quarters(period: Period) -> list[Quarter]:
    """The quarters the period touches, oldest first (the last MOST of them)."""
    found = [quarter_of(period.first)]
    while found[-1].last < period.last:
        found.append(quarter_of(found[-1].following()))
    return found[-MOST:]


def which_quarter(column, spans: list[Quarter], by_day: bool = False):
    """SQL: the index in `spans` of the quarter holding a timestamp (or a date, by_day)."""
    if by_day:
        return case(*((and_(column >= q.first, column <= q.last), i)
                      for i, q in enumerate(spans)))
    return case(*((and_(column >= q.start, column < q.end), i) for i, q in enumerate(spans)))


def quarters_note(spans: list[Quarter]) -> str:
    """The sentence that says which days a breakdown covers, and why."""
    if len(spans) == 1:
        text = gettext("The breakdowns are counted over the whole quarter %(quarter)s "
                       "(%(first)s to %(last)s), whatever days the period covers.",
                       quarter=spans[0].label, first=long_date(spans[0].first),
                       last=long_date(spans[0].last))
    else:
        text = gettext("The breakdowns are counted per whole quarter, from %(first)s to "
                       "%(last)s (the quarters this period touches, at most %(most)s), each "
                       "quarter on its own.", first=long_date(spans[0].first),
                       last=long_date(spans[-1].last), most=MOST)
    return text + " " + gettext("A breakdown is never counted over a chosen range of days, so "
                                "comparing two reports cannot single anyone out.")
