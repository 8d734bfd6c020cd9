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


def _served(course_id: int, period: Period):
    """Each learner once: enrolled in the period, or completed in it (one enrolment per
    learner and course, so counting enrolments counts people)."""
    return select(Enrolment.user_id).where(
        Enrolment.course_id == course_id,
        or_(within(Enrolment.started_at, period), within(Enrolment.completed_at, period)))


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


def _answers(course_id: int, period: Period) -> dict[str, dict[str, int]]:
    """{question: {stored answer: learners}} over the learners served, counted in SQL: the
    served learners' answers are read once, then counted per question."""
    answered = (select(SurveyAnswer).where(SurveyAnswer.user_id.in_(_served(course_id, period)))
                .cte("served_answers"))
    parts = [select(literal_column(f"'{name}'"), cast(answered.c[name], String(20)),
                    func.count())
             .where(answered.c[name].is_not(None)).group_by(answered.c[name])
             for name, _ in QUESTIONS]
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in QUESTIONS}
    for name, value, count in db.session.execute(union_all(*parts)):
        counts[name][str(value)] = count
    return counts


def _answer_table(name: str, caption: str, counts: dict[str, int]) -> Table:
    labels = dict(LABELS[name])
    groups = {value: counts.get(value, 0) for value in labels}
    answered = sum(counts.values())
    if name == "state":
        # A state is named only when it is a group of 10 or more: listing small ones by name
        # would say where one family lives. The rest are one group.
        groups = {value: n for value, n in groups.items() if n >= MIN_GROUP}
        groups[OTHER] = answered - sum(groups.values())
        labels[OTHER] = gettext("Other states and territories (each fewer than 10)")
    shown = distribution(groups)
    table = Table(str(caption), _columns())
    table.rows.append([gettext("Answered this question"), people(answered), ""])
    for value, count in groups.items():
        percent = HIDDEN if shown[value] is HIDDEN else share(count, answered)
        table.rows.append([labels[value], shown[value], percent])
    return table


def funder_report(course_id: int, period: Period) -> Report:
    figures = _figures(course_id, period)
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
    ])
    answers = _answers(course_id, period)
    tables = [headline] + [_answer_table(name, caption, answers[name])
                           for name, caption in QUESTIONS]
    summary = [gettext("From %(period)s the course served %(served)s learners; %(completed)s "
                       "completed it in the period and %(certificates)s certificates were "
                       "issued.", period=period.label, served=people(served),
                       completed=people(figures.get("completed", 0)),
                       certificates=people(figures.get("certificates", 0)))]
    if rate is not HIDDEN:
        summary.append(gettext("%(rate)s%% of the learners who started in the period have "
                               "completed.", rate=rate))
    return Report("funder", gettext("Funder report"), period.label, summary, tables, notes=[
        gettext("Learners served: each person once, who enrolled or completed in the period."),
        gettext("Answers come from optional questions learners may answer and change at any "
                "time; they are counted over the learners served. Nothing about a child is "
                "ever asked."),
        gettext("Every figure for a group of fewer than %(min)s people is shown as “fewer than "
                "%(min)s”; when one answer is hidden, the next smallest is hidden too, so no "
                "hidden figure can be worked out from the others.", min=MIN_GROUP)])
