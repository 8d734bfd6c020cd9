"""The history shows when each revision was saved in the organisation's time zone, not UTC
(newcomer review: "06 Dec 2026 04:53 UTC")."""
from datetime import UTC, datetime

from sqlalchemy import select

from lms.authoring.models import Revision
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.helpers import text_of

SAVED = datetime(2026, 12, 7, 4, 53, tzinfo=UTC)  # 11:53 PM on December 6 in New York


def test_the_history_page_shows_the_time_in_the_organisations_zone(app, as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Changed.\n", note="A fix")
    with app.app_context():
        revision = db.session.scalars(select(Revision).order_by(Revision.id.desc())).first()
        revision.created_at = SAVED
        db.session.commit()
        number = revision.number
    history = text_of(as_trainer.get("/manage/mini/history/lesson/second-lesson"))
    assert "December 6, 2026, 11:53 PM EST" in history
    assert "UTC" not in history and "07 Dec 2026" not in history
    page = text_of(as_trainer.get(f"/manage/mini/history/lesson/second-lesson/{number}"))
    assert "Saved December 6, 2026, 11:53 PM EST by Tess Trainer" in page
