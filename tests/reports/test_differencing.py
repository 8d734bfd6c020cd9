"""Security review N1: comparing two reports must not give away a hidden figure.

Each test seeds learners on known days, asks for the report over every period between a set of
days (chosen around the days that matter, as an attacker would), and subtracts every figure a
report shows from the same figure of every report over part of its period, and of every two
reports side by side that make it up: no subtraction may give a group of 1 to 9 people. Within one
report, a total less the counts shown beside it must not give one hidden cell, nor 1 to 9."""
import csv
import io
from datetime import date, datetime, timedelta

from sqlalchemy import update

from lms.extensions import db
from lms.progress.models import Enrolment, QuizAttempt, QuizPass
from lms.progress.tallies import rebuild_tallies
from lms.reports.period import Period
from lms.reports.quarters import MOST, quarters
from lms.surveys.models import SurveyAnswer
from tests.reports.helpers import RIGHT, WRONG_COLOUR, learners, trainer

DAYS = ["2026-07-01", "2026-08-10", "2026-09-30", "2026-10-01", "2026-11-20", "2026-11-21",
        "2026-12-31"]
PERIODS = [(first, last) for first in DAYS for last in DAYS if first <= last]
HIDDEN_WORDS = "fewer than 10"


def on_day(app, user_ids: list[int], day: str) -> None:
    """Say these learners enrolled, answered their quizzes and passed on `day`."""
    moment = datetime.fromisoformat(day + "T10:00:00+00:00")
    with app.app_context():
        for model, column in ((Enrolment, "started_at"), (QuizAttempt, "submitted_at"),
                              (QuizPass, "passed_at")):
            db.session.execute(update(model).where(model.user_id.in_(user_ids))
                               .values({column: moment}))
        db.session.execute(update(Enrolment).where(Enrolment.user_id.in_(user_ids))
                           .values(completed_at=moment + timedelta(hours=1)))
        db.session.commit()
        with db.engine.begin() as connection:
            rebuild_tallies(connection)


def answer(app, user_ids: list[int], **values) -> None:
    with app.app_context():
        db.session.add_all(SurveyAnswer(user_id=user_id, **values) for user_id in user_ids)
        db.session.commit()


def figures(body: str, label_columns: list[str], total_column: str, count_column: str):
    """{(block, group, label): count or None when hidden}, from a report's CSV. A block is the
    quarter (or, where the CSV has none, the whole report); a group is one question."""
    reader = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    block_column = next((c for c in reader.fieldnames if c in ("Period", "Quarter")), None)
    found = {}
    for row in reader:
        block = row[block_column] if block_column else ""
        group = tuple(row[c] for c in label_columns[:-1])
        for label, column in ((None, total_column), (row[label_columns[-1]], count_column)):
            if column not in row:
                continue
            raw = row[column]
            hidden = raw == HIDDEN_WORDS or row.get(f"{column}, suppressed") == "yes"
            if raw == "" and not hidden:
                continue
            found[(block, group, label)] = None if hidden else int(raw)
    return found


def leaks_between(whole: dict, *parts: dict) -> list:
    """Figures of a report less the same figures of reports over parts of its period (the
    same question and quarter; a quarter a report does not cover counts 0 there) that give a
    group of 1 to 9."""
    leaks = []
    for key, value in whole.items():
        others = [part.get(key, 0) for part in parts]
        if value is not None and None not in others and 0 < abs(value - sum(others)) < 10:
            leaks.append((key, value, others))
    return leaks


def leaks_within(found: dict, multiple: set) -> list:
    """A total less the shown counts under it that gives one hidden cell, or 1 to 9 people."""
    leaks = []
    for block, group, _ in {key for key in found if key[2] is None}:
        total = found[(block, group, None)]
        cells = {key: value for key, value in found.items()
                 if key[:2] == (block, group) and key[2] is not None}
        if total is None or not cells:
            continue
        hidden = [key for key, value in cells.items() if value is None]
        if group[-1] in multiple:  # each choice is picked or not, apart from the others
            leaks += [(key, total) for key, value in cells.items()
                      if value is not None and 0 < total - value < 10]
            continue
        rest = total - sum(value for value in cells.values() if value is not None)
        if (len(hidden) == 1 and rest) or 0 < rest < 10:
            leaks.append(((block, group), total, rest, hidden))
    return leaks


def check_every_pair(client, url: str, read, multiple=frozenset()) -> int:
    reports = {}
    for first, last in PERIODS:
        response = client.get(f"{url}?from={first}&to={last}")
        assert response.status_code == 200
        reports[(first, last)] = read(response.get_data(as_text=True))
    for period, found in reports.items():
        assert not leaks_within(found, set(multiple)), period
    day = timedelta(days=1)
    for (first, last), found in reports.items():
        for (inner_first, inner_last), inner in reports.items():
            if first <= inner_first <= inner_last <= last and (first, last) != (inner_first,
                                                                            inner_last):
                assert not leaks_between(found, inner), ((first, last), (inner_first,
                                                                          inner_last))
        for middle in DAYS:  # two periods side by side against the one they make together
            after = (date.fromisoformat(middle) + day).isoformat()
            if first <= middle < last and (after, last) in reports:
                assert not leaks_between(found, reports[(first, middle)],
                                         reports[(after, last)]), (first, middle, last)
    return len(reports)


def test_two_funder_reports_never_give_away_one_persons_answers(app, client, course):
    """The review's case: ten answered alike on 20 November; one, Tess, joined a day later and
    answered differently. Twelve more in the summer, one of them unlike the rest."""
    summer = learners(app, 12, prefix="summer")
    on_day(app, summer, "2026-08-10")
    answer(app, summer[:11], usefulness=5, knows_rights="yes", role="parent", state="CA",
           language="en")
    answer(app, summer[11:], usefulness=2, knows_rights="unsure", role="advocate", state="TX",
           language="en")
    ten = learners(app, 10)
    on_day(app, ten, "2026-11-20")
    answer(app, ten, usefulness=4, knows_rights="yes", role="parent", state="CA", language="en")
    tess = learners(app, 1, prefix="tess")
    on_day(app, tess, "2026-11-21")
    answer(app, tess, usefulness=1, knows_rights="no", role="educator", state="WY",
           language="es")
    trainer(app, client)

    def read(body):
        found = figures(body, ["Table", "Measure or answer"], "Answered this question",
                        "Learners")
        # The totals are rows of their own: fold "Answered this question" into the key.
        return {(block, group, None if label == "Answered this question" else label): value
                for (block, group, label), value in found.items()
                if label is not None and group != ("Reach and completion",)}

    # The groups are the tables (one per question); the totals are their first rows.
    assert check_every_pair(client, "/manage/mini/reports/funder.csv", read) == len(PERIODS)


def test_two_quiz_reports_never_give_away_one_persons_choices(app, client, course):
    """Ten got every question right on 20 November; one got the colour question wrong a day
    later; in the summer eleven got it right and one wrong."""
    summer = learners(app, 11, prefix="summer")
    summer += learners(app, 1, basics=[WRONG_COLOUR, RIGHT["basics"]], prefix="summerwrong")
    on_day(app, summer, "2026-08-10")
    ten = learners(app, 10)
    on_day(app, ten, "2026-11-20")
    one = learners(app, 1, basics=[WRONG_COLOUR, RIGHT["basics"]], prefix="one")
    on_day(app, one, "2026-11-21")
    trainer(app, client)

    def read(body):
        return figures(body, ["Quiz", "Question", "Choice"], "First attempts", "Picked")

    multiple = {"Which are even numbers? (choose all that apply)"}
    checked = check_every_pair(client, "/manage/mini/reports/quizzes.csv", read, multiple)
    assert checked == len(PERIODS)


def test_a_period_is_widened_to_the_whole_quarters_it_touches():
    spans = quarters(Period(date(2026, 11, 20), date(2027, 2, 1)))
    assert [(q.first.isoformat(), q.last.isoformat()) for q in spans] == [
        ("2026-10-01", "2026-12-31"), ("2027-01-01", "2027-03-31")]
    # Ten years touch 41 quarters: the breakdowns show the last eight.
    spans = quarters(Period(date(2016, 12, 7), date(2026, 12, 6)))
    assert len(spans) == MOST and spans[-1].first == date(2026, 10, 1)
    assert spans[0].first == date(2025, 1, 1)
