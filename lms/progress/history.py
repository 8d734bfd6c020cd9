"""What a quiz page shows of the attempts at one quiz: how many, the best score, and which
questions the latest asked (so a retry draws others). Read as one row however many attempts
there are, for an account (QuizAttempt) and for a guest (GuestQuizAttempt) alike."""
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, func, select

from lms.extensions import db
from lms.progress.models import GuestQuizAttempt, QuizAttempt


@dataclass(frozen=True)
class QuizHistory:
    count: int  # attempts so far; the quiz's form carries it (draw.sign) to refuse a stale one
    best: int | None  # the best score, None before the first attempt
    latest_asked: frozenset[str] | None  # question keys of the latest attempt


NONE = QuizHistory(0, None, None)


def of_learner(user_id: int, quiz_id: int) -> QuizHistory:
    return _read(QuizAttempt, user_id, quiz_id)


def of_guest(guest_id: int, quiz_id: int) -> QuizHistory:
    return _read(GuestQuizAttempt, guest_id, quiz_id)


def _asked(drawn: list | None, answers: dict | None) -> frozenset[str]:
    """The question keys an attempt asked: its draw, or (an attempt from before draws) the
    questions it answered."""
    return frozenset(item["key"] for item in drawn) if drawn else frozenset(answers or {})


def _read(model, owner_id: int, quiz_id: int) -> QuizHistory:
    row = db.session.execute(_statement(model), {"owner": owner_id, "quiz": quiz_id}).first()
    if row is None:
        return NONE
    drawn, answers, count, best = row
    return QuizHistory(count, best, _asked(drawn, answers))


@cache
def _statement(model):
    """The latest attempt, with the count and best score of them all beside it (window
    aggregates are taken before the LIMIT): built once per model."""
    owner = model.user_id if model is QuizAttempt else model.guest_id
    return (select(model.drawn, model.answers, func.count().over(), func.max(model.score).over())
            .where(owner == bindparam("owner"), model.quiz_id == bindparam("quiz"))
            .order_by(model.submitted_at.desc(), model.id.desc())
            .limit(1))
