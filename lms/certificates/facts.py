"""What an issued certificate says, in one typed record: the PDF, the HTML page and the Open
Badges credential are all built from it. Plain values only (no ORM), so pdf.py stays pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from babel.numbers import format_decimal

from lms.dates import local_day, long_date
from lms.i18n import translations
from lms.urls import public_url


def verify_url(code: str) -> str:
    """The public page that says whether a certificate is valid: printed, QR-coded, emailed."""
    return public_url("certificates.verify", code=code)


def hours_text(minutes: int, language: str = "en") -> str:
    """90 -> "1.5 hours", 60 -> "1 hour", 15 -> "0.25 hours"; "1,5 horas" in Spanish."""
    hours = minutes / 60
    text = translations(language).ngettext("%(hours)s hour", "%(hours)s hours",
                                           1 if hours == 1 else 2)
    return text % {"hours": format_decimal(hours, format="#,##0.##", locale=language)}


@dataclass(frozen=True)
class CertificateFacts:
    printed_name: str
    course_title: str
    edition: str
    organisation: str
    language: str
    completed_on: date
    issued_at: datetime
    code: str
    verify_url: str
    reading_minutes: int = 0
    course_slug: str = ""  # where the course lives (/courses/<slug>/), for links

    @classmethod
    def of(cls, certificate, course_slug: str = "") -> CertificateFacts:
        """The issued record, never the live profile or course (course_slug: where its course
        lives, for links)."""
        return cls(
            printed_name=certificate.printed_name,
            course_title=certificate.course_title,
            edition=certificate.edition,
            organisation=certificate.organisation,
            language=certificate.language,
            completed_on=local_day(certificate.completed_at),
            issued_at=certificate.issued_at,
            code=certificate.code,
            verify_url=verify_url(certificate.code),
            reading_minutes=certificate.reading_minutes or 0,
            course_slug=course_slug,
        )

    @property
    def hours(self) -> float:
        return self.reading_minutes / 60

    @property
    def hours_text(self) -> str:
        return hours_text(self.reading_minutes, self.language)

    @property
    def completed_on_text(self) -> str:
        return long_date(self.completed_on, language=self.language)

    @property
    def completed_on_moment(self) -> datetime:
        """The completion day at midnight UTC (what the credential's activityEndDate says)."""
        return datetime(self.completed_on.year, self.completed_on.month, self.completed_on.day,
                        tzinfo=UTC)

    @property
    def issued_at_iso(self) -> str:
        return self.issued_at.isoformat(timespec="seconds")
