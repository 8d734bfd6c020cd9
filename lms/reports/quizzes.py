"""Quiz item analysis over first attempts: per question the share right first time, how often
each choice was picked, and per quiz how many attempts passing took. Questions that most
learners get wrong first time are flagged."""
from collections import defaultdict

from flask_babel import gettext
from sqlalchemy import func, select

from lms.catalogue.snapshot import Snapshot
from lms.extensions import db
from lms.progress.tallies import ANSWER, ATTEMPTS_NEEDED, FIRST_ATTEMPT, ReportTally
from lms.reports.charts import COLOURS, bar_chart
from lms.reports.period import Period
from lms.reports.privacy import (
    HIDDEN,
    MIN_GROUP,
    distribution,
    people,
    share,
    small_counts_note,
    split,
)
from lms.reports.quarters import Quarter, quarters, quarters_note, which_quarter
from lms.reports.tables import Report, Table

FLAG_BELOW = 50  # percent right on the first attempt


def _counts(quiz_ids: list[int], spans: list[Quarter]) -> tuple[dict, dict, dict]:
    """From the running counts, in one round trip, per quarter (its index in spans): first
    attempts per quiz; per question how many first attempts gave each answer (the choices
    picked, as a bitmask); per quiz how many first passes took each number of attempts."""
    tally = ReportTally
    slotted = (select(tally.measure, tally.ref_id, tally.key, tally.bucket, tally.count,
                      which_quarter(tally.day, spans, by_day=True).label("slot"))
               .where(tally.measure.in_([FIRST_ATTEMPT, ANSWER, ATTEMPTS_NEEDED]),
                      tally.ref_id.in_(quiz_ids), tally.day >= spans[0].first,
                      tally.day <= spans[-1].last).subquery())
    c = slotted.c
    rows = db.session.execute(
        select(c.measure, c.ref_id, c.key, c.bucket, c.slot, func.sum(c.count))
        .group_by(c.measure, c.ref_id, c.key, c.bucket, c.slot)).all()
    first: dict = defaultdict(int)
    patterns: dict = defaultdict(dict)
    tries: dict = defaultdict(dict)
    for measure, quiz_id, key, bucket, slot, count in rows:
        if measure == FIRST_ATTEMPT:
            first[(quiz_id, slot)] += count
        elif measure == ANSWER:
            patterns[(quiz_id, key, slot)][bucket] = count
        else:
            tries[(quiz_id, slot)][bucket] = count
    return first, patterns, tries


def _question(question, seen: dict[int, int]) -> tuple[int, object, list]:
    """(first attempts, share right or HIDDEN or "", [(picked, share)] per choice) for one
    question in one quarter, hidden so that no figure can be worked out from the others.

    A one-answer question's choices add up to its attempts: they are hidden together, as the
    funder report's answers are. Each choice of a multiple-answer question is picked or not
    on its own: shown only when neither side is 1 to 9 people; so is the share right."""
    answered = sum(seen.values())
    picked = [sum(n for mask, n in seen.items() if mask & (1 << index))
              for index in range(len(question.choices))]
    if question.is_multiple:
        shown = [count if split(count, answered) else HIDDEN for count in picked]
        right = seen.get(sum(1 << i for i in question.correct_indices), 0)
        right_shown = split(right, answered)
    else:
        hidden = distribution(dict(enumerate(picked)), max(answered, sum(picked)))
        shown = [hidden[index] for index in range(len(picked))]
        correct = next(iter(question.correct_indices), None)
        right = picked[correct] if correct is not None else 0
        right_shown = correct is not None and shown[correct] is not HIDDEN

    def percent(visible: bool, count: int):
        return "" if not answered else share(count, answered) if visible else HIDDEN

    return (answered, percent(right_shown, right),
            [(value, percent(value is not HIDDEN, count))
             for value, count in zip(shown, picked, strict=True)])


def _median(histogram: dict[int, int]) -> int | None:
    """The median of a histogram {value: how many} (aggregates, never a list of learners)."""
    total, seen = sum(histogram.values()), 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen * 2 >= total:
            return value
    return None


def _by_quarter(column: str, quarter: Quarter) -> str:
    return gettext("%(column)s (%(quarter)s)", column=column, quarter=quarter.label)


def _passing(histogram: dict[int, int], attempts: int) -> list:
    passed = sum(histogram.values())
    first_time = histogram.get(1, 0)
    return [people(attempts), people(passed),
            (share(first_time, passed) if split(first_time, passed) else HIDDEN)
            if passed else "",
            _median(histogram) if passed >= MIN_GROUP else HIDDEN if passed else ""]


def quiz_report(snapshot: Snapshot, period: Period) -> Report:
    modules = [m for m in snapshot.modules if m.has_quiz and m.quiz_id is not None]
    spans = quarters(period)
    first, patterns, tries = _counts([m.quiz_id for m in modules], spans)
    quiz, question_, tries_, right_, flag_ = (
        gettext("Quiz"), gettext("Question"), gettext("First attempts"),
        gettext("Right first time, %"), gettext("Flag"))
    choice_, correct_, picked_, picked_share = (
        gettext("Choice"), gettext("Correct choice"), gettext("Picked"),
        gettext("Picked, %(pct)s of answers", pct="%"))
    passed_, first_time_, median_ = (gettext("Learners who passed"),
                                     gettext("Passed first time, %"),
                                     gettext("Median attempts"))
    questions = Table(gettext("Right on the first attempt, per question"), [
        quiz, question_, *(_by_quarter(column, q) for q in spans for column in (tries_, right_)),
        flag_])
    choices = Table(gettext("How often each choice was picked on the first attempt"), [
        question_, choice_, correct_,
        *(_by_quarter(column, q) for q in spans for column in (picked_, picked_share))])
    passing = Table(gettext("Attempts it took to pass"), [quiz, *(
        _by_quarter(column, q) for q in spans
        for column in (tries_, passed_, first_time_, median_))])
    title = gettext("Quiz item analysis")
    long = Table(title, [gettext("Quarter"), quiz, question_, tries_, right_, flag_, choice_,
                         correct_, picked_, picked_share])
    wrong = gettext("most get this wrong")
    flagged, rights = [], []
    for module in modules:
        for question in module.questions:
            row, choice_rows = [module.title, question.prompt], [
                [question.prompt, choice["text"], bool(choice.get("correct"))]
                for choice in question.choices]
            for slot, quarter in enumerate(spans):
                answered, right, picks = _question(
                    question, patterns.get((module.quiz_id, question.key, slot), {}))
                flag = wrong if right not in (HIDDEN, "") and right < FLAG_BELOW else ""
                row += [people(answered), right]
                for cells, choice, pick in zip(choice_rows, question.choices, picks,
                                               strict=True):
                    cells.extend(pick)
                    long.rows.append([quarter.label, module.title, question.prompt,
                                      people(answered), right, flag, choice["text"],
                                      bool(choice.get("correct")), *pick])
                if flag and question.prompt not in flagged:
                    flagged.append(question.prompt)
            questions.rows.append([*row, wrong if question.prompt in flagged else ""])
            choices.rows.extend(choice_rows)
            rights.append(row[3::2])
        passing.rows.append([module.title, *(
            cell for slot in range(len(spans))
            for cell in _passing(tries.get((module.quiz_id, slot), {}),
                                 first.get((module.quiz_id, slot), 0)))])
    summary = [gettext("%(questions)s questions in %(quizzes)s quizzes; %(flagged)s flagged "
                       "because fewer than %(below)s%% got them right on the first attempt.",
                       questions=len(questions.rows), quizzes=len(modules),
                       flagged=len(flagged), below=FLAG_BELOW)]
    summary += [gettext("Flagged: “%(prompt)s”", prompt=prompt) for prompt in flagged]
    summary.append(quarters_note(spans))
    charted = range(max(0, len(spans) - len(COLOURS)), len(spans))  # one colour each
    chart = bar_chart("quiz-chart", gettext("Share right on the first attempt, per question"),
                      summary[0], [row[1] for row in questions.rows],
                      [(spans[slot].label, [shares[slot] for shares in rights])
                       for slot in charted], unit="%")
    return Report("quizzes", title, period.label, summary,
                  [questions, choices, passing], chart, csv_table=long, notes=[
                      gettext("First attempts, counted in the quarter they were submitted; a "
                              "multiple-answer question is right only when exactly the correct "
                              "choices are picked."),
                      gettext("Passes are each learner's first pass, counted in the quarter it "
                              "happened, with the attempts it took."),
                      gettext("A choice's count is hidden when it, or the rest of the answers, "
                              "is a group of 1 to 9; more are hidden with it where the total "
                              "would otherwise give it away."), small_counts_note()])
