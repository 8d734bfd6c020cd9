"""Learners with progress, made through the real progress services, for the report tests."""
from datetime import timedelta

from sqlalchemy import update

from lms.auth.models import Role
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.models import Enrolment
from lms.progress.services import mark_lesson_complete, submit_quiz
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import course_lesson, only_course_id

LESSONS = ["first-lesson", "second-lesson", "act-now", "later"]
RIGHT = {"basics": {"colour": [0], "numbers": [0, 2]}, "next-steps": {"when": [0]}}
WRONG_COLOUR = {"colour": [1], "numbers": [0, 2]}


def learners(app, count: int, lessons: int = 4, basics: list[dict] | None = None,
             next_steps: bool = True, prefix: str = "parent") -> list[int]:
    """count learners, each completing the first `lessons` lessons, then submitting the basics
    quiz once per answer set in `basics` (default: right first time), then next-steps."""
    ids = []
    with app.app_context():
        for n in range(count):
            user = make_user(f"{prefix}{n}@example.org", f"Named Parent {prefix}{n}", PASSWORD)
            for slug in LESSONS[:lessons]:
                mark_lesson_complete(user.id, *course_lesson(app, slug))
            for answers in basics if basics is not None else [RIGHT["basics"]]:
                submit_quiz(user.id, only_course_id(), "basics", answers)
            if next_steps:
                submit_quiz(user.id, only_course_id(), "next-steps", RIGHT["next-steps"])
            ids.append(user.id)
    return ids


def took(app, user_ids: list[int], days: float) -> None:
    """Say these learners started `days` before they completed (durations the tests know)."""
    with app.app_context():
        db.session.execute(update(Enrolment).where(Enrolment.user_id.in_(user_ids))
                           .values(completed_at=utcnow(),
                                   started_at=utcnow() - timedelta(days=days)))
        db.session.commit()


def trainer(app, client, email: str = "trainer@example.org", role: Role = Role.TRAINER):
    with app.app_context():
        make_user(email, "Tess Trainer", PASSWORD, role)
    client.post("/login", data={"email": email, "password": PASSWORD})
    return client
