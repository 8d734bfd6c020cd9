"""Quiz item analysis over first attempts: per question the share right first time, how often
each choice was picked, and per quiz how many attempts passing took. Questions that most
learners get wrong first time are flagged."""
from collections import defaultdict

from flask_babel import gettext
from sqlalchemy import and_, func, select

from lms.catalogue.snapshot import Snapshot
from lms.extensions import db
from lms.progress.tallies import ANSWER, ATTEMPTS_NEEDED, FIRST_ATTEMPT, ReportTally
from lms.reports.charts import bar_chart
from lms.reports.period import Period
from lms.reports.privacy import HIDDEN, MIN_GROUP, people, share, small_counts_note
from lms.reports.tables import Report, Table

FLAG_BELOW = 50  # percent right on the first attempt


def _counts(quiz_ids: list[int], period: Period) -> tuple[dict, dict, dict]:
    """From the running counts, in one round trip: first attempts per quiz; per (quiz,
    question) how many first attempts gave each answer (the choices picked, as a bitmask);
    per quiz how many first passes took each number of attempts."""
    in_period = and_(ReportTally.ref_id.in_(quiz_ids), ReportTally.day >= period.first,
                     ReportTally.day <= period.last)
    rows = db.session.execute(
        select(ReportTally.measure, ReportTally.ref_id, ReportTally.key, ReportTally.bucket,
               func.sum(ReportTally.count))
        .where(ReportTally.measure.in_([FIRST_ATTEMPT, ANSWER, ATTEMPTS_NEEDED]), in_period)
        .group_by(ReportTally.measure, ReportTally.ref_id, ReportTally.key,
                  ReportTally.bucket)).all()
    first: dict = defaultdict(int)
    patterns: dict = defaultdict(dict)
    tries: dict = defaultdict(dict)
    for measure, quiz_id, key, bucket, count in rows:
        if measure == FIRST_ATTEMPT:
            first[quiz_id] += count
        elif measure == ANSWER:
            patterns[(quiz_id, key)][bucket] = count
        else:
            tries[quiz_id][bucket] = count
    return first, patterns, tries


def _median(histogram: dict[int, int]) -> int | None:
    """The median of a histogram {value: how many} (aggregates, never a list of learners)."""
    total, seen = sum(histogram.values()), 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen * 2 >= total:
            return value
    return None


def quiz_report(snapshot: Snapshot, period: Period) -> Report:
    modules = [m for m in snapshot.modules if m.has_quiz and m.quiz_id is not None]
    quiz_ids = [m.quiz_id for m in modules]
    first, patterns, tries = _counts(quiz_ids, period)
    quiz, question_, tries_, right_, flag_ = (
        gettext("Quiz"), gettext("Question"), gettext("First attempts"),
        gettext("Right first time, %"), gettext("Flag"))
    choice_, correct_, picked_, picked_share = (
        gettext("Choice"), gettext("Correct choice"), gettext("Picked"),
        gettext("Picked, %(pct)s of answers", pct="%"))
    questions = Table(gettext("Right on the first attempt, per question"),
                      [quiz, question_, tries_, right_, flag_])
    choices = Table(gettext("How often each choice was picked on the first attempt"),
                    [question_, choice_, correct_, picked_, picked_share])
    passing = Table(gettext("Attempts it took to pass"),
                    [quiz, tries_, gettext("Learners who passed"),
                     gettext("Passed first time, %"), gettext("Median attempts")])
    title = gettext("Quiz item analysis")
    long = Table(title, [quiz, question_, tries_, right_, flag_, choice_, correct_, picked_,
                         picked_share])
    wrong = gettext("most get this wrong")
    flagged = []
    for module in modules:
        for question in module.questions:
            seen = patterns.get((module.quiz_id, question.key), {})
            answered = sum(seen.values())
            correct_mask = sum(1 << i for i in question.correct_indices)
            right = share(seen.get(correct_mask, 0), answered)
            flag = wrong if right is not HIDDEN and right < FLAG_BELOW else ""
            if flag:
                flagged.append(question.prompt)
            questions.rows.append([module.title, question.prompt, people(answered), right, flag])
            for index, choice in enumerate(question.choices):
                picked = sum(n for mask, n in seen.items() if mask & (1 << index))
                row = [choice["text"], bool(choice.get("correct")), people(picked),
                       share(picked, answered)]
                choices.rows.append([question.prompt, *row])
                long.rows.append([module.title, question.prompt, people(answered), right, flag,
                                  *row])
        histogram = tries.get(module.quiz_id, {})
        passed = sum(histogram.values())
        median = _median(histogram) if passed >= MIN_GROUP else HIDDEN
        passing.rows.append([module.title, people(first.get(module.quiz_id, 0)), people(passed),
                             share(histogram.get(1, 0), passed), median])
    summary = [gettext("%(questions)s questions in %(quizzes)s quizzes; %(flagged)s flagged "
                       "because fewer than %(below)s%% got them right on the first attempt.",
                       questions=len(questions.rows), quizzes=len(modules),
                       flagged=len(flagged), below=FLAG_BELOW)]
    summary += [gettext("Flagged: “%(prompt)s”", prompt=prompt) for prompt in flagged]
    chart = bar_chart("quiz-chart", gettext("Share right on the first attempt, per question"),
                      summary[0], [row[1] for row in questions.rows],
                      [(gettext("Right first time"), [row[3] for row in questions.rows])],
                      unit="%")
    return Report("quizzes", title, period.label, summary,
                  [questions, choices, passing], chart, csv_table=long, notes=[
                      gettext("First attempts submitted in the period; a multiple-answer "
                              "question is right only when exactly the correct choices are "
                              "picked."),
                      gettext("Passes are each learner's first pass in the period, with the "
                              "attempts it took."), small_counts_note()])
