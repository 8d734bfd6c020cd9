"""The date range a report covers, read from the query string with a clear message when bad."""
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext

from lms.dates import long_date

MAX_DAYS = 3660  # ten years: enough for any funder, and a bounded number of weeks to draw
# The dates a report may name: the calendar's own edges (year 1, year 9999) overflow the
# arithmetic on them, and no learner enrolled before 1900 or a year from now.
EARLIEST = date(1900, 1, 1)
LATEST_AHEAD = timedelta(days=366)
DEFAULT_DAYS = 365
GROUPINGS = ("week", "month")
# Whole sentences per date, so a translation never has to fit "start"/"end" into a gap.
WRONG_DATE = {
    "start": lambda: gettext("The start date must be a date like 2026-01-31."),
    "end": lambda: gettext("The end date must be a date like 2026-01-31."),
}


class BadPeriod(ValueError):
    """The message says what to fix, in words for the person who typed it."""


@dataclass(frozen=True)
class Period:
    first: date  # first day included
    last: date   # last day included
    by: str = "month"

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), UTC)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day (UTC)."""
        return datetime.combine(self.last + timedelta(days=1), time(), UTC)

    @property
    def label(self) -> str:
        return gettext("%(first)s to %(last)s", first=long_date(self.first),
                       last=long_date(self.last))

    def query(self) -> dict[str, str]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "by": self.by}

    def buckets(self) -> list[date]:
        """The first day of every week (Monday) or month the period touches."""
        if self.by == "week":
            day = self.first - timedelta(days=self.first.weekday())
            step = []
            while day <= self.last:
                step.append(day)
                day += timedelta(days=7)
            return step
        months, day = [], self.first.replace(day=1)
        while day <= self.last:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return months


def _day(raw: str, name: str) -> date:
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise BadPeriod(WRONG_DATE[name]()) from None
    return day


def parse_period(args, today: date | None = None) -> Period:
    """A Period from ?from=&to=&by=; missing dates default to the last 365 days."""
    today = today or datetime.now(UTC).date()
    raw_from, raw_to = (args.get("from") or "").strip(), (args.get("to") or "").strip()
    last = _day(raw_to[:10], "end") if raw_to else today
    first = _day(raw_from[:10], "start") if raw_from else None
    latest = today + LATEST_AHEAD
    if not all(EARLIEST <= day <= latest for day in (first or last, last)):
        raise BadPeriod(gettext("Choose dates between %(earliest)s and %(latest)s.",
                                earliest=EARLIEST.isoformat(), latest=latest.isoformat()))
    first = first or max(EARLIEST, last - timedelta(days=DEFAULT_DAYS - 1))
    by = (args.get("by") or "month").strip()
    if by not in GROUPINGS:
        raise BadPeriod(gettext("Group by week or by month."))
    if first > last:
        raise BadPeriod(gettext("The start date must be on or before the end date."))
    if (last - first).days >= MAX_DAYS:
        raise BadPeriod(gettext("A report covers at most ten years. Choose a shorter period."))
    return Period(first, last, by)
