"""Two trainers saving at the same moment: neither change is lost, and neither is overwritten."""
import threading
import time

from sqlalchemy import select

from lms.authoring.draft import change_draft, working_copy
from lms.authoring.models import CourseDraft
from lms.courses.models import Course
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.helpers import text_of


def test_two_trainers_saving_at_the_same_moment_both_keep_their_change(app, as_trainer, trainer):
    """Two real threads: A is part-way through its save when B saves. On PostgreSQL B's save
    finds the draft version taken and is redone on top of A's; on SQLite B waits for A's lock.
    Either way both edits are in the draft and neither is lost."""
    edit_lesson(as_trainer, "first-lesson", 0, body="Start.")  # there is a draft now
    a_inside, a_may_finish = threading.Event(), threading.Event()
    errors = []

    def save(rename, pause):
        try:
            with app.app_context():
                course = db.session.get(Course, 1)

                def mutate(data):
                    rename(data)
                    if pause and not a_inside.is_set():
                        a_inside.set()
                        a_may_finish.wait(5)

                change_draft(course, trainer, mutate)
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    def rename_second(data):
        data.modules[0].lessons[1].title = "Second lesson (A's edit)"

    def rename_act_now(data):
        data.modules[1].lessons[0].title = "Act now (B's edit)"

    a = threading.Thread(target=save, args=(rename_second, True))
    b = threading.Thread(target=save, args=(rename_act_now, False))
    a.start()
    assert a_inside.wait(5)
    b.start()
    time.sleep(0.3)  # B is now blocked on A's lock (SQLite) or about to lose the race (PostgreSQL)
    a_may_finish.set()
    a.join(10)
    b.join(10)
    assert errors == []
    with app.app_context():
        data, _draft = working_copy(db.session.get(Course, 1))
        assert data.modules[0].lessons[1].title == "Second lesson (A's edit)"
        assert data.modules[1].lessons[0].title == "Act now (B's edit)"


def test_the_same_lesson_saved_twice_from_one_starting_point(as_trainer):
    assert edit_lesson(as_trainer, "later", 0, title="Later", body="Mine.").status_code == 302
    stale = edit_lesson(as_trainer, "later", 0, title="Later", body="Theirs.")
    assert stale.status_code == 409 and "Theirs." in text_of(stale)
    assert "Mine." in text_of(as_trainer.get("/manage/mini/preview/lessons/later"))


def test_history_of_an_unedited_lesson_starts_at_the_published_text(as_trainer):
    page = as_trainer.get("/manage/mini/history/lesson/later")
    assert page.status_code == 200 and "No revisions are saved yet" in text_of(page)
    assert as_trainer.get("/manage/mini/history/lesson/no-such-lesson").status_code == 404
    assert as_trainer.get("/manage/mini/history/widget/later").status_code == 404


def test_publishing_twice_with_one_review_is_refused(app, as_trainer):
    edit_lesson(as_trainer, "later", 0, title="Later", body="Once.")
    with app.app_context():
        version = db.session.scalar(select(CourseDraft.version))
    assert as_trainer.post("/manage/mini/publish", data={"version": version}).status_code == 302
    again = as_trainer.post("/manage/mini/publish", data={"version": version},
                            follow_redirects=True)
    assert "There are no unpublished changes" in text_of(again)
