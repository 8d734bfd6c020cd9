"""What one attempt at a quiz asks: questions drawn from the quiz's pool, choices in a new order.

The draw is made when the learner opens the quiz to answer it (never on the page shared by every
visitor), carried by the form in a signed field, and kept with the attempt (QuizAttempt.drawn):
[{"key": question key, "order": [the question's choice indices, in the order shown]}]. The form
posts shown positions; grading maps them back, so stored answers keep the question's own choice
indices and the reports count each question and choice as before.
"""
import random
from dataclasses import dataclass
from math import comb

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from lms.content.schema import ModuleData, QuestionData

_system_random = random.SystemRandom()


@dataclass(frozen=True)
class ShownQuestion:
    """A drawn question as the learner sees it: its choices in the drawn order."""

    question: QuestionData
    order: tuple[int, ...]  # order[shown position] = the question's own choice index

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def prompt(self) -> str:
        return self.question.prompt

    @property
    def is_multiple(self) -> bool:
        return self.question.is_multiple

    @property
    def choices(self) -> list[dict]:
        return [self.question.choices[index] for index in self.order]


class DrawRefused(Exception):
    """A form's draw was forged, or is for another quiz, learner or version of the quiz."""


def rng() -> random.Random:
    """The randomness of draws; tests set QUIZ_RANDOM to a seeded random.Random."""
    return current_app.config.get("QUIZ_RANDOM") or _system_random


def draw(module: ModuleData, previous: frozenset[str] | None,
         source: random.Random) -> list[dict]:
    """Draw module.asked questions from the pool, kept in course order, each with its choices
    shuffled. When the pool allows another set, the set asked last time (previous) is not
    drawn again."""
    pool = module.questions
    picked = source.sample(range(len(pool)), module.asked)
    if previous and comb(len(pool), len(picked)) > 1 and \
            {pool[i].key for i in picked} == previous:
        outside = [i for i in range(len(pool)) if i not in picked]
        picked[source.randrange(len(picked))] = source.choice(outside)
    layout = []
    for index in sorted(picked):
        order = list(range(len(pool[index].choices)))
        source.shuffle(order)
        layout.append({"key": pool[index].key, "order": order})
    return layout


def all_in_order(module: ModuleData) -> list[dict]:
    """What a form without a draw asked: every question, choices as written (a quiz page
    opened before pools existed). Only a quiz that asks its whole pool accepts it."""
    return [{"key": q.key, "order": list(range(len(q.choices)))} for q in module.questions]


def shown(module: ModuleData, layout: list[dict]) -> list[ShownQuestion]:
    """The layout's questions as shown; DrawRefused if it does not fit the quiz (it changed)."""
    by_key = {q.key: q for q in module.questions}
    questions = []
    for item in layout:
        question = by_key.get(item.get("key")) if isinstance(item, dict) else None
        order = item.get("order") if question else None
        if not isinstance(order, list) or sorted(order) != list(range(len(question.choices))):
            raise DrawRefused
        questions.append(ShownQuestion(question, tuple(order)))
    if not questions or len({q.key for q in questions}) != len(questions):
        raise DrawRefused
    return questions


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="quiz-draw")


def sign(quiz_id: int, learner: str, attempts_before: int, layout: list[dict]) -> str:
    """The form's draw: for this quiz, this learner ("u<id>" or "visitor"), after this many
    attempts, so a draw cannot be kept and answered again once its attempt is submitted."""
    return _serializer().dumps({"quiz": quiz_id, "learner": learner,
                                "after": attempts_before, "drawn": layout})


def unsign(token: str, quiz_id: int, learner: str) -> tuple[int, list[dict]]:
    """(attempts before, layout) from a form's signed draw; DrawRefused if it is not one made
    for this quiz and learner."""
    try:
        data = _serializer().loads(token)
    except BadSignature as error:
        raise DrawRefused from error
    if not isinstance(data, dict) or data.get("quiz") != quiz_id \
            or data.get("learner") != learner or not isinstance(data.get("after"), int) \
            or not isinstance(data.get("drawn"), list):
        raise DrawRefused
    return data["after"], data["drawn"]


def submitted(module: ModuleData, token: str | None,
              learner: str) -> tuple[int | None, list[ShownQuestion]]:
    """A submitted form's draw: (attempts before it, its questions as shown). A form without
    one (a page opened before quizzes drew questions) answered every question as written: only
    a quiz that asks its whole pool takes it. DrawRefused otherwise."""
    if token is None and module.asked == len(module.questions):
        return None, shown(module, all_in_order(module))
    if not token:
        raise DrawRefused
    before, layout = unsign(token, module.quiz_id, learner)
    return before, shown(module, layout)
