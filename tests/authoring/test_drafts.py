"""Every change is a draft until published; learners see only published content."""
from sqlalchemy import func, select

from lms.authoring.models import CourseDraft
from lms.courses.models import Lesson
from lms.extensions import db
from tests.authoring.helpers import add_lesson, edit_lesson, publish
from tests.helpers import text_of


def test_a_new_lesson_is_a_draft_until_published(app, as_trainer):
    response = add_lesson(as_trainer)
    assert response.status_code == 302
    manage = text_of(as_trainer.get("/manage/mini/"))
    assert "unpublished changes" in manage and "Keeping records" in manage
    assert as_trainer.get("/courses/mini/lessons/keeping-records").status_code == 404
    assert "Keeping records" not in text_of(as_trainer.get("/courses/mini/"))

    preview = as_trainer.get("/manage/mini/preview/lessons/keeping-records")
    assert preview.status_code == 200
    page = text_of(preview)
    assert "Preview of the draft — not published" in page
    assert "Keep notes." in page and "Previous: Second lesson" in page

    publish(as_trainer)
    page = text_of(as_trainer.get("/courses/mini/lessons/keeping-records"))
    assert "Why it matters" in page and "Preview of the draft" not in page
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 0


def test_discarding_the_draft_leaves_the_published_course(app, as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Draft words.\n")
    assert "Draft words." in text_of(as_trainer.get("/manage/mini/preview/lessons/second-lesson"))
    confirm = as_trainer.get("/manage/mini/discard")
    assert "Discard the draft?" in text_of(confirm)
    response = as_trainer.post("/manage/mini/discard", follow_redirects=True)
    assert "The draft is discarded" in text_of(response)
    assert "The second lesson." in text_of(as_trainer.get("/courses/mini/lessons/second-lesson"))
    assert "The second lesson." in text_of(as_trainer.get(
        "/manage/mini/preview/lessons/second-lesson"))
    with app.app_context():
        assert db.session.scalar(select(Lesson.body_md).where(Lesson.slug == "second-lesson")) \
            == "The second lesson.\n"


def test_reading_manage_course_does_not_start_a_draft(app, as_trainer):
    assert as_trainer.get("/manage/mini/").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 0
