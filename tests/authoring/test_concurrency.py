"""Two trainers saving at the same moment: neither change is lost, and neither is overwritten."""
import sqlalchemy as sa
from sqlalchemy import select

from lms.authoring import services
from lms.authoring.draft import get_draft, working_copy
from lms.authoring.models import CourseDraft
from lms.content.schema import course_from_dict, course_to_dict
from lms.courses.models import Course
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.helpers import text_of


def test_a_save_that_lost_the_race_is_redone_on_top_of_the_winner(app, as_trainer, trainer):
    edit_lesson(as_trainer, "first-lesson", 0, body="Start.")  # there is a draft now
    with app.app_context():
        course = db.session.get(Course, 1)
        seen_version = get_draft(course.id).version
        first_try = True

        def other_trainer_saves_first(data):
            """Runs inside our save: another connection commits a change to another lesson."""
            nonlocal first_try
            if first_try:
                first_try = False
                theirs = course_from_dict(get_draft(course.id).data)
                theirs.modules[1].lessons[0].title = "Act now (their edit)"
                with db.engine.begin() as connection:
                    connection.execute(sa.update(CourseDraft).values(
                        data=course_to_dict(theirs), version=seen_version + 1))
            data.modules[0].lessons[1].title = "Second lesson (our edit)"

        services.change_draft(course, trainer, other_trainer_saves_first)
        data, draft = working_copy(course)
        assert data.modules[1].lessons[0].title == "Act now (their edit)"
        assert data.modules[0].lessons[1].title == "Second lesson (our edit)"
        assert draft.version == seen_version + 2


def test_the_same_lesson_saved_twice_from_one_starting_point(as_trainer):
    assert edit_lesson(as_trainer, "later", 0, title="Later", body="Mine.").status_code == 302
    stale = edit_lesson(as_trainer, "later", 0, title="Later", body="Theirs.")
    assert stale.status_code == 409 and "Theirs." in text_of(stale)
    assert "Mine." in text_of(as_trainer.get("/manage/preview/lessons/later"))


def test_history_of_an_unedited_lesson_starts_at_the_published_text(as_trainer):
    page = as_trainer.get("/manage/history/lesson/later")
    assert page.status_code == 200 and "No revisions are saved yet" in text_of(page)
    assert as_trainer.get("/manage/history/lesson/no-such-lesson").status_code == 404
    assert as_trainer.get("/manage/history/widget/later").status_code == 404


def test_publishing_twice_with_one_review_is_refused(app, as_trainer):
    edit_lesson(as_trainer, "later", 0, title="Later", body="Once.")
    with app.app_context():
        version = db.session.scalar(select(CourseDraft.version))
    assert as_trainer.post("/manage/publish", data={"version": version}).status_code == 302
    again = as_trainer.post("/manage/publish", data={"version": version}, follow_redirects=True)
    assert "There are no unpublished changes" in text_of(again)
