"""The funder report: unduplicated learners served, completion, certificates, and what learners
said in the optional questions, with every group of fewer than 10 hidden."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, case, cast, func, literal_column, or_, select, union_all

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, MIN_GROUP, distribution, people, share
from lms.reports.quarters import Quarter, quarters, quarters_note, which_quarter
from lms.reports.reading import course_views, reading_note
from lms.reports.scope import first_award, within
from lms.reports.tables import Report, Table
from lms.surveys.choices import LABELS
from lms.surveys.models import SurveyAnswer

QUESTIONS = (("usefulness", _l("How useful learners found the course (1-5)")),
             ("knows_rights", _l("“I know my rights better now”")),
             ("role", _l("Who the learners are")),
             ("state", _l("State or territory")),
             ("language", _l("Preferred language")))
OTHER = "_other"
# One shape for every table, so the CSV is one table with one header row.
COLUMNS = [_l("Measure or answer"), _l("Learners"), "%"]


def _columns() -> list[str]:
    return [str(column) for column in COLUMNS]


def _figures(course_id: int, period: Period) -> dict[str, int]:
    """The headline counts: one pass over the course's enrolments, one over certificates."""
    started = within(Enrolment.started_at, period)
    completed = within(Enrolment.completed_at, period)

    def counted(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = db.session.execute(
        select(counted(or_(started, completed)), counted(started),
               counted(and_(started, Enrolment.completed_at.is_not(None))), counted(completed))
        .where(Enrolment.course_id == course_id)).one()
    certificates = db.session.scalar(select(func.count()).select_from(Certificate).where(
        first_award(course_id), within(Certificate.issued_at, period)))
    return dict(zip(("served", "started", "started_completed", "completed"), row,
                    strict=True)) | {"certificates": certificates}


def _answers(course_id: int, spans: list[Quarter]) -> list[dict[str, dict[str, int]]]:
    """Per quarter, {question: {stored answer: learners}}, over the learners who enrolled in
    that quarter (each learner in one quarter only), counted in SQL in one round trip."""
    slot = which_quarter(Enrolment.started_at, spans)
    cohort = (select(Enrolment.user_id, slot.label("slot"))
              .where(Enrolment.course_id == course_id, Enrolment.started_at >= spans[0].start,
                     Enrolment.started_at < spans[-1].end).subquery())
    answered = (select(SurveyAnswer, cohort.c.slot)
                .join(cohort, cohort.c.user_id == SurveyAnswer.user_id).cte("cohort_answers"))
    parts = [select(literal_column(f"'{name}'"), answered.c.slot,
                    cast(answered.c[name], String(20)), func.count())
             .where(answered.c[name].is_not(None))
             .group_by(answered.c.slot, answered.c[name])
             for name, _ in QUESTIONS]
    counts = [{name: {} for name, _ in QUESTIONS} for _ in spans]
    for name, slot_index, value, count in db.session.execute(union_all(*parts)):
        counts[slot_index][name][str(value)] = count
    return counts


def _groups(name: str, per_quarter: list[dict[str, int]]) -> tuple[dict, list[dict]]:
    """The rows of one question ({value: label}) and, per quarter, {value: learners}."""
    labels = dict(LABELS[name])
    if name != "state":
        return labels, [{value: counts.get(value, 0) for value in labels}
                        for counts in per_quarter]
    # A state is named only when it is a group of 10 or more in a quarter shown: listing
    # small ones by name would say where one family lives. The rest are one group.
    named = {value for counts in per_quarter for value, n in counts.items() if n >= MIN_GROUP}
    labels = {value: label for value, label in labels.items() if value in named}
    labels[OTHER] = gettext("Other states and territories (each fewer than 10)")
    groups = []
    for counts in per_quarter:
        listed = {value: counts.get(value, 0) for value in labels if value != OTHER}
        groups.append(listed | {OTHER: sum(counts.values()) - sum(listed.values())})
    return labels, groups


def _percent(shown, count: int, answered: int):
    if not answered:
        return ""
    return HIDDEN if shown is HIDDEN else share(count, answered)


def _answer_tables(name: str, caption: str, spans: list[Quarter],
                   per_quarter: list[dict[str, int]], long: Table) -> Table:
    """The page's table for one question, a column pair per quarter; its rows go to the CSV's
    long table too, one row per quarter and answer."""
    labels, groups = _groups(name, per_quarter)
    table = Table(str(caption), [gettext("Answer"), *(
        column for q in spans
        for column in (q.label, gettext("%(quarter)s, %%", quarter=q.label)))])
    rows = {None: [gettext("Answered this question")], **{value: [labels[value]]
                                                          for value in labels}}
    for quarter, counts in zip(spans, groups, strict=True):
        answered = sum(counts.values())
        shown = distribution(counts)
        cells = {None: (people(answered), "")} | {
            value: (shown[value], _percent(shown[value], counts[value], answered))
            for value in labels}
        for value, pair in cells.items():
            rows[value].extend(pair)
            long.rows.append([str(caption), quarter.label, rows[value][0], *pair])
    table.rows = list(rows.values())
    return table


def funder_report(course_id: int, period: Period) -> Report:
    figures = _figures(course_id, period)
    read = course_views(course_id, period.first, period.last)
    served, started = figures.get("served", 0), figures.get("started", 0)
    completed_of_started = figures.get("started_completed", 0)
    rate = share(completed_of_started, started)
    headline = Table(gettext("Reach and completion"), _columns(), [
        [gettext("Unduplicated learners served"), people(served), ""],
        [gettext("Learners who started the course"), people(started), ""],
        [gettext("Of those, completed so far (the completion rate)"),
         people(completed_of_started), rate],
        [gettext("Completions in the period"), people(figures.get("completed", 0)), ""],
        [gettext("Certificates issued"), people(figures.get("certificates", 0)), ""],
        # Page views, not people: shown as counted (no group of people to hide).
        [gettext("Pages read without an account (lesson page views, not people)"), read, ""],
    ])
    spans = quarters(period)
    answers = _answers(course_id, spans)
    long = Table(gettext("Funder report"), [gettext("Table"), gettext("Period"), *_columns()],
                 [[headline.caption, period.label, *row] for row in headline.rows])
    tables = [headline] + [_answer_tables(name, caption, spans,
                                          [quarter[name] for quarter in answers], long)
                           for name, caption in QUESTIONS]
    summary = [gettext("From %(period)s the course served %(served)s learners; %(completed)s "
                       "completed it in the period and %(certificates)s certificates were "
                       "issued.", period=period.label, served=people(served),
                       completed=people(figures.get("completed", 0)),
                       certificates=people(figures.get("certificates", 0)))]
    if rate is not HIDDEN:
        summary.append(gettext("%(rate)s%% of the learners who started in the period have "
                               "completed.", rate=rate))
    summary.append(gettext("Lesson pages were also read %(views)s times by people without an "
                           "account.", views=read))
    summary.append(quarters_note(spans))
    return Report("funder", gettext("Funder report"), period.label, summary, tables,
                  csv_table=long, notes=[
        gettext("Learners served: each person once, who enrolled or completed in the period."),
        gettext("Answers come from optional questions learners may answer and change at any "
                "time; they are counted per quarter over the learners who enrolled in it. "
                "Nothing about a child is ever asked."),
        gettext("Every figure for a group of fewer than %(min)s people is shown as “fewer than "
                "%(min)s”. When an answer is hidden, more are hidden with it (zeros too), so "
                "that the answers hidden together hold %(min)s or more people: no hidden "
                "figure can be worked out from the total and the others.", min=MIN_GROUP),
        reading_note()])
