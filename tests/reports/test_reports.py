"""The course reports, as a trainer reads them: the numbers, the chart, the table, the CSV."""
import csv
import io
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lms.certificates import changes
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.reports.quarters import quarter_of
from tests.helpers import text_of
from tests.reports.helpers import RIGHT, WRONG_COLOUR, learners, took, trainer

REPORTS = ["activity", "funnel", "quizzes", "completion", "funder"]


def this_quarter() -> str:
    """The query for the whole quarter the test's learners enrolled in (today, UTC)."""
    quarter = quarter_of(datetime.now(UTC).date())
    return f"?from={quarter.first.isoformat()}&to={quarter.last.isoformat()}"


def rows(response) -> list[list[str]]:
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def table_row(response, first_cells: str) -> str:
    """The text of the first table row whose text starts with first_cells."""
    html = response.get_data(as_text=True)
    for row in html.split("<tr>")[1:]:
        text = " ".join(re.sub(r"<[^>]+>", " ", row.split("</tr>")[0]).split())
        if text.startswith(first_cells):
            return text
    raise AssertionError(f"no row starting {first_cells!r}")


@pytest.fixture
def cohort(app, course):
    """12 learners finished (each got the colour question wrong first, passing on the second
    attempt), 11 more stopped after two lessons."""
    finished = learners(app, 12, basics=[WRONG_COLOUR, RIGHT["basics"]])
    learners(app, 11, lessons=2, basics=[], next_steps=False, prefix="stopped")
    return finished


def test_funnel_shows_where_learners_stop(app, client, cohort):
    trainer(app, client)
    page = client.get("/manage/mini/reports/funnel")
    assert page.status_code == 200
    assert table_row(page, "1 First lesson") == "1 First lesson 23 23 100 0"  # 0 signed out
    assert table_row(page, "3 Quiz: Basics") == "3 Quiz: Basics 12 12 100"
    assert table_row(page, "6 Quiz: Next steps") == "6 Quiz: Next steps 12 12 100"
    assert "23 learners started the course" in text_of(page)
    assert ("The biggest drop comes after step 2, “Second lesson”: 23 reached it and 12 "
            "reached the next step.") in text_of(page)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in page.text
    assert rows(client.get("/manage/mini/reports/funnel.csv"))[3] == ["3", "Quiz: Basics", "12",
                                                                      "no", "12",
                                                          "no", "100", "no", "", "no"]


def test_quiz_item_analysis_flags_the_question_most_get_wrong(app, client, cohort):
    trainer(app, client)
    page = client.get(f"/manage/mini/reports/quizzes{this_quarter()}")
    assert table_row(page, "Basics What colour") == (
        "Basics What colour is the sky on a clear day? 12 0 most get this wrong")
    assert table_row(page, "Basics Which are even") == (
        "Basics Which are even numbers? (choose all that apply) 12 100")
    assert "Flagged: “What colour is the sky on a clear day?”" in text_of(page)
    # 12 passed Basics on their second attempt: none first time, median 2.
    assert table_row(page, "Basics 12") == "Basics 12 12 0 2"
    data = rows(client.get(f"/manage/mini/reports/quizzes.csv{this_quarter()}"))
    assert data[0][:3] == ["Quarter", "Quiz", "Question"]
    assert len([r for r in data if r == data[0]]) == 1
    green = next(r for r in data if r[8] == "Green")
    assert data[0][9:] == ["Correct choice", "Picked", "Picked, suppressed",
                           "Picked, % of answers", "Picked, % of answers, suppressed"]
    assert green[9:] == ["no", "12", "no", "100", "no"]


def test_time_to_complete_and_certificates(app, client, cohort):
    took(app, cohort[:6], days=2)
    took(app, cohort[6:], days=10)
    with app.app_context():
        first, second = db.session.scalars(select(Certificate.id).order_by(Certificate.id)
                                           .limit(2)).all()
        changes.revoke(None, first, "Issued in error")
        changes.reissue(None, second, "Corrected Name")
    trainer(app, client)
    page = client.get("/manage/mini/reports/completion")
    summary = text_of(page)
    assert "12 learners completed the course" in summary
    assert "Half took 2.0 days or less; the middle half took between 2.0 and 10.0 days" in summary
    data = rows(client.get("/manage/mini/reports/completion.csv"))
    assert data[0] == ["Table", "Measure", "Value", "Value, suppressed"]
    values = {measure: (value, hidden) for _, measure, value, hidden in data[1:]}
    assert values["Completed 1 to 7 days"] == ("", "yes")  # 6 learners
    assert values["Certificates issued"] == ("12", "no")  # a corrected reissue is not new
    assert values["Certificates revoked"] == ("", "yes")
    assert values["Median, days"] == ("2.0", "no")


@pytest.mark.parametrize("by, first", [("month", "2026-"), ("week", "20")])
def test_activity_over_time(app, client, cohort, by, first):
    trainer(app, client)
    page = client.get(f"/manage/mini/reports/activity?by={by}")
    assert page.status_code == 200
    assert "23 enrolments, 12 completions and 12 certificates issued" in text_of(page)
    data = rows(client.get(f"/manage/mini/reports/activity.csv?by={by}"))
    assert data[0][1:] == ["Enrolments", "Enrolments, suppressed", "Completions",
                           "Completions, suppressed", "Certificates issued",
                           "Certificates issued, suppressed"]
    assert sum(int(r[1] or 0) for r in data[1:]) == 23  # a spreadsheet's SUM works


def test_a_period_without_the_learners_counts_none(app, client, cohort):
    trainer(app, client)
    page = client.get("/manage/mini/reports/funnel?from=2020-01-01&to=2020-12-31")
    assert "0 learners started the course" in text_of(page)


@pytest.mark.parametrize("query, message", [
    ("from=2026-13-01", "The start date must be a date like 2026-01-31."),
    ("to=yesterday", "The end date must be a date like 2026-01-31."),
    ("from=2026-05-01&to=2026-04-01", "The start date must be on or before the end date."),
    ("from=2010-01-01&to=2026-01-01", "A report covers at most ten years."),
    # Security review N11: these overflowed Python's dates (a 500).
    ("to=0001-01-01", "Choose dates between 1900-01-01 and"),
    ("from=9999-12-30&to=9999-12-31", "Choose dates between 1900-01-01 and"),
    ("from=1900-01-01&to=2026-01-01", "A report covers at most ten years."),
    ("by=year", "Group by week or by month."),
])
@pytest.mark.parametrize("report", ["", *REPORTS, *(f"{name}.csv" for name in REPORTS)])
def test_a_bad_period_gets_a_clear_message(app, client, course, report, query, message):
    trainer(app, client)
    response = client.get(f"/manage/mini/reports/{report}?{query}")
    assert response.status_code == 400
    assert message in text_of(response)


def test_small_groups_are_hidden_everywhere(app, client, course):
    learners(app, 9)
    trainer(app, client)
    for name in REPORTS:
        page = text_of(client.get(f"/manage/mini/reports/{name}"))
        assert " 9 " not in page.replace("Counts of 1 to 9 are", ""), name
        body = rows(client.get(f"/manage/mini/reports/{name}.csv"))
        assert "fewer than 10" in page, name
        # In the CSV a hidden figure is an empty cell, flagged in the column beside it.
        cells = [cell for row in body for cell in row]
        assert "fewer than 10" not in cells and "yes" in cells, name
    assert table_row(client.get("/manage/mini/reports/funnel"), "1 First lesson") == (
        "1 First lesson fewer than 10 fewer than 10 fewer than 10 0")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["from", "to", "by"]),
                             st.one_of(st.text(max_size=40), st.dates().map(str)), max_size=3))
def test_any_query_string_gets_a_page_or_a_clear_400(app, client, course, query):
    if client.get(
        "/manage/mini/reports/").status_code == 403:  # the client persists across examples
        trainer(app, client)
    for name in ("funnel", "activity.csv"):
        response = client.get(f"/manage/mini/reports/{name}", query_string=query)
        assert response.status_code in (200, 400), (query, response.status_code)
