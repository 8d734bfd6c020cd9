"""Reach without an account (issue 23.5): visitors' lesson views per lesson and day, counted in
memory and written in batches, shown beside the account figures; no query more per page."""
import csv
import io
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lms.courses.models import Lesson
from lms.extensions import db
from lms.reports.reading import LessonReading, flush, is_robot
from tests.helpers import text_of
from tests.reports.helpers import trainer
from tests.test_query_counts import count_queries

LESSON = "/courses/mini/lessons/{}"


def counts(app) -> dict[tuple[str, object], int]:
    """{(lesson slug, day): views} as written in the database."""
    with app.app_context():
        flush()
        rows = db.session.execute(select(Lesson.slug, LessonReading.day, LessonReading.views)
                                  .join(Lesson, Lesson.id == LessonReading.lesson_id)).all()
        return {(slug, day): views for slug, day, views in rows}


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def today():
    return datetime.now(UTC).date()


def test_visitors_lesson_views_are_counted_per_lesson_and_day(app, client, course):
    for slug in ["second-lesson", "second-lesson", "first-lesson"]:
        assert client.get(LESSON.format(slug)).status_code == 200
    client.get("/courses/mini/modules/basics")  # not a lesson page
    client.get(LESSON.format("no-such-lesson"))  # a 404
    assert counts(app) == {("second-lesson", today()): 2, ("first-lesson", today()): 1}
    client.get(LESSON.format("first-lesson"))
    assert counts(app)[("first-lesson", today())] == 2  # added to the day's row


def test_signed_in_views_and_robots_are_not_counted(app, client, auth, course, learner):
    client.get(LESSON.format("first-lesson"), headers={"User-Agent": "Googlebot/2.1"})
    client.get(LESSON.format("first-lesson"), headers={"User-Agent": ""})
    auth.login()
    client.get(LESSON.format("first-lesson"))
    assert counts(app) == {}


def test_a_guest_reads_without_an_account_and_is_counted(app, client, course):
    client.post("/courses/mini/lessons/first-lesson/complete")  # progress kept on the device
    client.get(LESSON.format("second-lesson"))
    assert counts(app) == {("second-lesson", today()): 1}


def test_the_robot_rule():
    assert is_robot("Mozilla/5.0 (compatible; bingbot/2.0)") and is_robot("curl/8.5.0")
    assert not is_robot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1")


def test_a_cached_visitor_page_is_counted_and_still_costs_no_query(app, client, course):
    app.config["PUBLISHED_CHECK_SECONDS"] = 3600  # the version from memory, whatever the clock
    client.get(LESSON.format("second-lesson"))
    with count_queries(app) as queries:
        assert client.get(LESSON.format("second-lesson")).status_code == 200
    assert queries == []
    assert counts(app) == {("second-lesson", today()): 2}


def test_a_failed_write_keeps_the_counts_for_the_next(app, client, course):
    client.get(LESSON.format("act-now"))
    with app.app_context():
        LessonReading.__table__.drop(db.engine)
        assert flush() == 0  # the table is gone: logged, kept
        LessonReading.__table__.create(db.engine)
    assert counts(app) == {("act-now", today()): 1}


@pytest.mark.parametrize("app_config", [{"READING_FLUSH_SECONDS": 0.05}], indirect=True)
def test_the_background_writer_writes_without_a_report(app, client, course):
    client.get(LESSON.format("later"))
    with app.app_context():
        for _ in range(100):
            written = db.session.scalar(select(LessonReading.views))
            db.session.rollback()
            if written:
                break
            time.sleep(0.05)
    assert written == 1


@pytest.fixture
def app_config(app_config, request):
    return {**app_config, **getattr(request, "param", {})}


def test_the_reports_show_reading_without_an_account_beside_the_accounts(app, client, course):
    visitor = app.test_client()
    for _ in range(3):
        visitor.get(LESSON.format("first-lesson"))
    visitor.get(LESSON.format("act-now"))
    trainer(app, client)

    funnel = client.get("/manage/mini/reports/funnel")
    html, page = funnel.get_data(as_text=True), text_of(funnel)
    assert "Read without an account (page views)" in html
    assert "Lesson pages were read 4 times without an account in the period." in page
    assert "page views, not people" in page  # the method, on the page
    rows = csv_rows(client.get("/manage/mini/reports/funnel.csv"))
    column = rows[0].index("Read without an account (page views)")
    by_title = {row[1]: row[column:column + 2] for row in rows[1:]}  # views, suppressed
    assert by_title["First lesson"] == ["3", "no"] and by_title["Act now"] == ["1", "no"]
    assert by_title["Second lesson"] == ["0", "no"] and by_title["Quiz: Basics"] == ["", "no"]

    funder = text_of(client.get("/manage/mini/reports/funder"))
    assert "Pages read without an account (lesson page views, not people) 4" in funder
    assert "robots that say so in their User-Agent" in funder
    read = [row[2:5] for row in csv_rows(client.get("/manage/mini/reports/funder.csv"))
            if row[2].startswith("Pages read")]
    assert read == [["Pages read without an account (lesson page views, not people)", "4", "no"]]
