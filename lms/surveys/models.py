"""Survey and demographic answers: one row per learner, kept apart from progress."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class KnowsRights(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class LearnerRole(enum.StrEnum):
    PARENT = "parent"
    EDUCATOR = "educator"
    ADVOCATE = "advocate"
    OTHER = "other"


class SurveyAnswer(db.Model):
    """Every answer is optional (NULL: not answered). Only aggregates of these ever leave the
    database, and only for groups of 10 or more (lms/reports/privacy.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    usefulness: Mapped[int | None] = mapped_column(Integer)  # 1 (not useful) .. 5 (very useful)
    knows_rights: Mapped[str | None] = mapped_column(String(10))  # a KnowsRights value
    role: Mapped[str | None] = mapped_column(String(20))  # a LearnerRole value
    state: Mapped[str | None] = mapped_column(String(2))  # USPS code, see lms/surveys/choices.py
    language: Mapped[str | None] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
