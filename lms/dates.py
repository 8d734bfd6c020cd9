"""The one way dates and times are written for people: pages, emails, PDFs, report text.

Dates follow the language and a setting per language (DATE_STYLE_EN "MMMM d, y": "December 6,
2026"; DATE_STYLE_ES "d 'de' MMMM 'de' y": "6 de diciembre de 2026"), and every moment is shown
in the organisation's time zone (ORGANISATION_TIME_ZONE, default America/New_York), never in UTC.

Machine formats stay ISO 8601 and are not written here: the date columns of the CSV files, JSON
(the data download, the survey autosave), the Open Badges credential, the period in a report's
URL and form (docs/i18n.md lists which is which).
"""
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask import Flask, current_app, has_app_context

from lms.i18n import DEFAULT_LANGUAGE, LANGUAGES, active_language

DEFAULT_TIME_ZONE = "America/New_York"
# How each language writes a date in a sentence (Unicode date patterns): without, with weekday.
# Settings DATE_STYLE_<LANG> and DATE_STYLE_<LANG>_WEEKDAY replace them (lms/config.py).
DATE_STYLES = {"en": ("MMMM d, y", "EEEE, MMMM d, y"),
               "es": ("d 'de' MMMM 'de' y", "EEEE d 'de' MMMM 'de' y")}
# A time of day: 12-hour clock in English, 24-hour in Spanish (patterns, not Babel's "short",
# whose English form has a narrow no-break space before PM).
TIME_STYLES = {"en": "h:mm a", "es": "H:mm"}


@cache
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def organisation_zone() -> tzinfo:
    """The organisation's time zone (the default outside an app)."""
    name = current_app.config.get("ORGANISATION_TIME_ZONE") if has_app_context() else None
    return _zone(name or DEFAULT_TIME_ZONE)


def local(moment: datetime) -> datetime:
    """A stored moment (UTC; naive ones are UTC) in the organisation's time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(organisation_zone())


def local_day(moment: date | datetime) -> date:
    """The day a moment falls on in the organisation's time zone (a date stays as it is)."""
    return local(moment).date() if isinstance(moment, datetime) else moment


def _language(language: str | None) -> str:
    language = language or active_language()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def _date_style(language: str, weekday: bool) -> str:
    styles = current_app.config.get("DATE_STYLES") if has_app_context() else None
    return (styles or DATE_STYLES).get(language, DATE_STYLES[language])[weekday]


def long_date(day: date | datetime, weekday: bool = False, language: str | None = None) -> str:
    """A date as a sentence writes it: "December 6, 2026", "6 de diciembre de 2026", with the
    weekday if asked ("Sunday, December 6, 2026"), in `language` or the active one. A moment is
    first put in the organisation's time zone."""
    language = _language(language)
    return format_date(local_day(day), _date_style(language, weekday), locale=language)


def date_time(moment: datetime, language: str | None = None) -> str:
    """A moment with its time, in the organisation's zone, named: "December 6, 2026, 11:53 PM
    EST", "6 de diciembre de 2026, 23:53 EST"."""
    language = _language(language)
    there = local(moment)
    clock = format_time(there.time(), TIME_STYLES[language], locale=language)
    return f"{long_date(there, language=language)}, {clock} {there.tzname()}"


def zone_name() -> str:
    """The organisation's time zone as people know it: "America/New_York"."""
    return str(organisation_zone())


def init_app(app: Flask) -> None:
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(date_time, "date_time")
    app.add_template_global(zone_name, "time_zone_name")
