"""CSV files: UTF-8 with a BOM, one header row, and no cell a spreadsheet would run."""
import csv
import io

import pytest
from sqlalchemy import update

from lms.courses.models import Course, Question
from lms.extensions import db
from lms.reports.csv import csv_text
from lms.reports.privacy import HIDDEN
from lms.reports.tables import Table
from tests.reports.helpers import learners, trainer


@pytest.mark.parametrize("cell, written", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("plain", "plain"),
    ("fewer than 10", "fewer than 10"),
])
def test_text_that_would_be_a_formula_is_escaped(cell, written):
    text = csv_text(Table("t", ["Header"], [[cell], [-3], [2.5]]))
    assert text.startswith("\ufeffHeader\r\n")
    parsed = list(csv.reader(io.StringIO(text[1:])))
    assert parsed == [["Header"], [written], ["-3"], ["2.5"]]  # numbers stay numbers


def test_trainer_text_in_a_report_cannot_run_as_a_formula(app, client, course):
    """A quiz question a trainer wrote as "=1+1" reaches the quiz CSV escaped."""
    with app.app_context():
        db.session.execute(update(Question).where(Question.key == "colour")
                           .values(prompt="=1+1 is what colour?"))
        db.session.execute(update(Course).values(content_version=Course.content_version + 1))
        db.session.commit()
    learners(app, 10)
    trainer(app, client)
    response = client.get("/manage/mini/reports/quizzes.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    parsed = list(csv.reader(io.StringIO(response.get_data().decode("utf-8")[1:])))
    assert sum(row == parsed[0] for row in parsed) == 1
    prompts = {row[parsed[0].index("Question")] for row in parsed[1:]}
    assert "'=1+1 is what colour?" in prompts and "=1+1 is what colour?" not in prompts


def test_a_hidden_figure_is_an_empty_cell_with_a_flag_beside_it():
    """Issue 23.6: a spreadsheet's SUM over a column works; the flag says which are hidden."""
    text = csv_text(Table("t", ["Answer", "Learners", "%"],
                          [["a", 12, 60], ["b", HIDDEN, HIDDEN], ["c", 0, ""]]))
    parsed = list(csv.reader(io.StringIO(text[1:])))
    assert parsed == [["Answer", "Learners", "Learners, suppressed", "%", "%, suppressed"],
                      ["a", "12", "no", "60", "no"], ["b", "", "yes", "", "yes"],
                      ["c", "0", "no", "", "no"]]
