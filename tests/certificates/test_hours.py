"""The hours: the course's reading time, to a quarter hour, on the certificate and its page."""
from types import SimpleNamespace

import pytest

from lms.certificates.facts import hours_text
from lms.courses.hours import reading_minutes
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import text_of


def _course(*minutes):
    lessons = [SimpleNamespace(minutes=m) for m in minutes]
    return SimpleNamespace(modules=[SimpleNamespace(lessons=lessons[:1]),
                                    SimpleNamespace(lessons=lessons[1:])])


@pytest.mark.parametrize(("minutes", "rounded", "text"), [
    ((3, 4, 5, 5), 15, "0.25 hours"),     # 17 minutes
    ((30, 30), 60, "1 hour"),
    ((40, 42, 5), 90, "1.5 hours"),       # 87 minutes
    ((60, 60, 38), 165, "2.75 hours"),    # 158 minutes
    ((60, 60, 37, 5), 165, "2.75 hours"),  # 162: to the nearest quarter
    ((52, 60, 60), 165, "2.75 hours"),    # 172.5 would round up; 172 rounds down
    ((60, 60, 53), 180, "3 hours"),       # 173 rounds up
])
def test_reading_time_is_rounded_to_a_quarter_hour(minutes, rounded, text):
    assert reading_minutes(_course(*minutes)) == rounded
    assert hours_text(rounded) == text


def test_the_certificate_records_and_shows_the_courses_hours(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)  # the mini course: 3 + 4 + 5 + 5 = 17 minutes of reading
    [certificate] = certificates(app)
    assert certificate.reading_minutes == 15
    page = text_of(client.get(f"/certificates/{certificate.id}"))
    assert "completed on" in page and "0.25 hours of study" in page
