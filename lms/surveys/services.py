"""Reading, changing and clearing a learner's optional answers."""
from sqlalchemy import delete, select

from lms.extensions import db
from lms.surveys.choices import LABELS
from lms.surveys.models import SurveyAnswer

QUESTIONS = ("usefulness", "knows_rights", "role", "state", "language")


def answers_of(user_id: int) -> dict[str, str]:
    """The learner's answers as form values ("" where not answered)."""
    row = db.session.scalar(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id))
    values = {name: getattr(row, name) if row else None for name in QUESTIONS}
    return {name: "" if value is None else str(value) for name, value in values.items()}


def save_answers(user_id: int, values: dict[str, str]) -> None:
    """Keep what was answered; leaving every question empty removes the row altogether."""
    cleaned = {name: (values.get(name) or None) for name in QUESTIONS}
    if cleaned["usefulness"] is not None:
        cleaned["usefulness"] = int(cleaned["usefulness"])
    row = db.session.scalar(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id))
    if all(value is None for value in cleaned.values()):
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(SurveyAnswer(user_id=user_id, **cleaned))
    else:
        for name, value in cleaned.items():
            setattr(row, name, value)
    db.session.commit()


def export_answers(user_id: int) -> dict | None:
    """The answers with their wording, for the learner's data download."""
    row = db.session.scalar(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id))
    if row is None:
        return None
    answers = {name: LABELS[name].get(str(getattr(row, name)))
               for name in QUESTIONS if getattr(row, name) is not None}
    return {"answers": answers, "updated_at": row.updated_at.isoformat()}


def delete_answers(user_id: int) -> None:
    """In the caller's transaction (account deletion)."""
    db.session.execute(delete(SurveyAnswer).where(SurveyAnswer.user_id == user_id))
