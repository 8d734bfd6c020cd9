"""Helpers for certificate tests: finishing the mini course as a learner would."""
import os

from sqlalchemy import select

from lms.certificates.models import Certificate
from lms.extensions import db
from tests.helpers import quiz_answers

BROKERS = ["memory://"] + [url for url in [os.environ.get("TEST_REDIS_URL")] if url]
# The mini course's steps in order; "later" is the last lesson.
LESSONS = ["first-lesson", "second-lesson", "act-now", "later"]
QUIZZES = ["basics", "next-steps"]


def finish_course(app, client, leave: str | None = None):
    """Complete every lesson and pass every quiz through the pages, except the step `leave`."""
    for slug in LESSONS:
        if slug != leave:
            client.post(f"/courses/mini/lessons/{slug}/complete")
    for slug in QUIZZES:
        if slug != leave:
            client.post(f"/courses/mini/modules/{slug}/quiz", data=quiz_answers(app, slug))


def certificates(app) -> list[Certificate]:
    with app.app_context():
        rows = list(db.session.scalars(select(Certificate).order_by(Certificate.id)))
        db.session.expunge_all()
        return rows
