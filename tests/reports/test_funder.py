"""The funder report, and the rule behind it: no report can reveal one person's answers."""
import pytest

from lms.extensions import db
from lms.reports.privacy import HIDDEN, distribution
from lms.surveys.models import SurveyAnswer
from tests.helpers import text_of
from tests.reports.helpers import learners, trainer
from tests.reports.test_reports import REPORTS, rows, table_row, this_quarter


def answer(app, user_ids, **values):
    with app.app_context():
        for user_id in user_ids:
            db.session.add(SurveyAnswer(user_id=user_id, **values))
        db.session.commit()


def test_reach_completion_and_answers(app, client, course):
    finished = learners(app, 12)
    learners(app, 10, lessons=1, basics=[], next_steps=False, prefix="stopped")
    answer(app, finished[:11], usefulness=5, knows_rights="yes", state="CA")
    answer(app, finished[11:], usefulness=2, knows_rights="unsure", state="AK")
    trainer(app, client)
    page = client.get(f"/manage/mini/reports/funder{this_quarter()}")
    assert table_row(page, "Unduplicated learners served") == "Unduplicated learners served 22"
    assert table_row(page, "Of those, completed") == (
        "Of those, completed so far (the completion rate) 12 55")
    assert table_row(page, "Certificates issued") == "Certificates issued 12"
    # One learner said 2: that is hidden, and so is the 11 beside it, which would give it away,
    # and so are the zeros (a zero beside a hidden figure would narrow it down).
    assert table_row(page, "Answered this question") == "Answered this question 12"
    assert table_row(page, "5 - very useful") == "5 - very useful fewer than 10 fewer than 10"
    assert table_row(page, "2 ") == "2 fewer than 10 fewer than 10"
    assert table_row(page, "1 - not useful") == "1 - not useful fewer than 10 fewer than 10"
    assert table_row(page, "California") == "California fewer than 10 fewer than 10"
    assert "Alaska" not in text_of(page)  # a state of fewer than 10 is never named
    assert "counted over the whole quarter" in text_of(page)
    data = rows(client.get(f"/manage/mini/reports/funder.csv{this_quarter()}"))
    assert data[0] == ["Table", "Period", "Measure or answer", "Learners",
                       "Learners, suppressed", "%", "%, suppressed"]
    served = next(row for row in data if row[2] == "Unduplicated learners served")
    assert served[3:] == ["22", "no", "", "no"]
    useful = next(row for row in data if row[2] == "5 - very useful")
    assert useful[3:] == ["", "yes", "", "yes"]


def test_nobody_answered_reads_zero_not_fewer_than_10(app, client, course):
    """Issue 23.6: a fresh site said "Answered this question: 0" above rows that each said
    "fewer than 10". No figure contradicts the rows under it."""
    trainer(app, client)
    page = client.get(f"/manage/mini/reports/funder{this_quarter()}")
    assert table_row(page, "Answered this question") == "Answered this question 0"
    assert table_row(page, "4 ") == "4 0"
    assert table_row(page, "Other states") == (
        "Other states and territories (each fewer than 10) 0")


def test_one_persons_answers_never_show_in_any_report(app, client, course):
    """A single learner, then nine, answer everything: no report, page or CSV, over any period,
    says what any of them answered or where they live."""
    only = learners(app, 1)
    answer(app, only, usefulness=1, knows_rights="no", role="educator", state="WY",
           language="es")
    trainer(app, client)
    for query in ("", "?from=2026-01-01", "?by=week"):
        for name in REPORTS:
            for suffix in ("", ".csv"):
                body = client.get(f"/manage/mini/reports/{name}{suffix}{query}").get_data().decode()
                assert "Wyoming" not in body, (name, suffix)
        page = client.get(f"/manage/mini/reports/funder{query}")
        for label in ("1 - not useful", "No", "Educator", "Spanish", "5 - very useful"):
            assert table_row(page, label).endswith("fewer than 10 fewer than 10"), label
    # Nine more answer the same: still fewer than 10 in every group, and every cell hidden.
    nine = learners(app, 9, prefix="more")
    answer(app, nine, usefulness=1, knows_rights="no", role="educator", state="WY")
    page = client.get(f"/manage/mini/reports/funder{this_quarter()}")
    assert table_row(page, "1 - not useful") == "1 - not useful 10 100"
    # Only the first of the ten chose a language: one answer, so every language cell is hidden.
    assert table_row(page, "Spanish") == "Spanish fewer than 10 fewer than 10"
    assert table_row(page, "English") == "English fewer than 10 fewer than 10"
    assert table_row(page, "Wyoming") == "Wyoming 10 100"


@pytest.mark.parametrize("counts, hidden", [
    ({"a": 11, "b": 1, "c": 0}, {"a", "b", "c"}),  # the one hidden cannot be subtracted out,
    ({"a": 11, "b": 12, "c": 3}, {"a", "c"}),      # and no zero is left beside a hidden cell
    ({"a": 4, "b": 3, "c": 20}, {"a", "b", "c"}),  # 20 less nothing shown would give 7 hidden
    ({"a": 30, "b": 20, "c": 5, "d": 6, "e": 0}, {"c", "d", "e"}),  # 11 hidden, in two groups
    ({"a": 1, "b": 0, "c": 0}, {"a", "b", "c"}),   # under 10 in all: zeros hidden too
    ({"a": 10, "b": 0}, set()),
    ({"a": 0, "b": 0}, set()),                     # nobody: zeros, not "fewer than 10"
])
def test_distribution_hides_what_could_be_worked_out(counts, hidden):
    shown = distribution(counts)
    assert {key for key, value in shown.items() if value is HIDDEN} == hidden
