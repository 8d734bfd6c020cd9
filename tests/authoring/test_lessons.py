"""Writing lessons: Markdown preview, reorder, move, retire, edit locks; progress always kept."""
from sqlalchemy import select

from lms.authoring.models import Revision
from lms.courses.models import Lesson
from lms.extensions import db
from lms.progress.models import LessonCompletion
from tests.authoring.helpers import add_lesson, edit_lesson, publish
from tests.helpers import lesson_id, text_of


def lesson_order(client, module="basics") -> list[str]:
    page = client.get(f"/courses/mini/modules/{module}").get_data(as_text=True)
    return [line.split('href="/courses/mini/lessons/')[1].split('"')[0]
            for line in page.splitlines() if 'href="/courses/mini/lessons/' in line]


def complete(app, client, auth, slug):
    auth.login()
    client.post(f"/courses/mini/lessons/{slug}/complete")
    auth.logout()


def test_the_preview_button_renders_the_text_as_learners_get_it_without_saving(as_trainer):
    response = as_trainer.post("/manage/mini/lessons/second-lesson/edit", data={
        "title": "Second lesson", "minutes": 4, "reviewed": "2026-11-02",
        "revision": "0", "action": "preview",
        "body_md": "## Heading\n\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                   "> **Important:** Call now.\n\n<script>alert(1)</script>"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h2>Heading</h2>" in html and "<table>" in html and "<blockquote>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the trainer's text, shown escaped
    assert "The second lesson." in text_of(as_trainer.get(
        "/manage/mini/preview/lessons/second-lesson"))
    assert "No unpublished changes" in text_of(as_trainer.get("/manage/mini/"))


def test_bad_input_is_refused_with_messages_and_kept(as_trainer):
    response = as_trainer.post("/manage/mini/lessons/second-lesson/edit", data={
        "title": "", "minutes": 999, "reviewed": "2026-11-02",
        "body_md": "My careful words.", "revision": "0"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Please correct the following" in page and "This field is required." in page
    assert "Number must be between 1 and 240." in page
    assert "My careful words." in page


def test_every_save_keeps_a_revision_with_who_and_what(app, as_trainer, trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Version two.", note="Simpler words")
    edit_lesson(as_trainer, "second-lesson", 2, body="Version three.")
    with app.app_context():
        rows = db.session.scalars(select(Revision).where(Revision.slug == "second-lesson")
                                  .order_by(Revision.number)).all()
        assert [r.number for r in rows] == [1, 2, 3]
        assert rows[0].content["body_md"] == "The second lesson.\n"  # as published before
        assert rows[0].author_id is None
        assert rows[1].content["body_md"] == "Version two.\n" and rows[1].author_id == trainer
        assert rows[1].note == "Simpler words"


def test_a_second_save_from_a_stale_form_is_refused_and_keeps_the_text(app, as_trainer):
    assert edit_lesson(as_trainer, "second-lesson", 0, body="Words from Alice.").status_code == 302
    response = edit_lesson(as_trainer, "second-lesson", 0, body="Words from Bob.")
    assert response.status_code == 409
    page = text_of(response)
    assert "someone else changed this first" in page and "nothing was overwritten" in page
    assert "Words from Bob." in page
    assert "/manage/mini/history/lesson/second-lesson/diff?old=1&amp;new=2" in response.get_data(
        as_text=True)
    assert "Words from Alice." in text_of(as_trainer.get(
        "/manage/mini/preview/lessons/second-lesson"))


def test_reorder_with_up_and_down_buttons(as_trainer):
    manage = as_trainer.get("/manage/mini/").get_data(as_text=True)
    assert 'aria-label="Move “Second lesson” up"' in manage
    as_trainer.post("/manage/mini/lessons/second-lesson/move", data={"direction": "up"})
    publish(as_trainer)
    assert lesson_order(as_trainer) == ["second-lesson", "first-lesson"]
    as_trainer.post("/manage/mini/modules/next-steps/move", data={"direction": "up"})
    publish(as_trainer)
    page = text_of(as_trainer.get("/courses/mini/"))
    assert page.index("Next steps") < page.index("Basics")


def test_after_a_move_the_lines_menu_is_open_with_the_focus_on_the_same_button(as_trainer):
    response = as_trainer.post("/manage/mini/lessons/first-lesson/move",
                               data={"direction": "down"})
    assert response.headers["Location"] == "/manage/mini/?moved=lesson-first-lesson&to=down"
    html = as_trainer.get(response.headers["Location"]).get_data(as_text=True)
    line = html.split('id="lesson-second-lesson"')[1].split('id="lesson-first-lesson"')[1]
    assert '<details class="actions-menu" open>' in line.split("</details>")[0]
    # Now last: no Down button, so the focus is on its menu, with Up one Tab away.
    assert 'aria-label="Actions for “First lesson”" autofocus>' in line
    assert 'aria-label="Move “First lesson” up">' in line
    response = as_trainer.post("/manage/mini/modules/next-steps/move", data={"direction": "up"})
    html = as_trainer.get(response.headers["Location"]).get_data(as_text=True)
    module = html.split('id="module-next-steps"')[1].split("</details>")[0]
    assert 'aria-label="Actions for module “Next steps”" autofocus>' in module  # now first
    assert html.count("autofocus") == 1


def test_moving_a_lesson_to_another_module_keeps_learners_progress(app, client, auth, as_trainer,
                                                                   learner):
    auth.logout()
    complete(app, client, auth, "first-lesson")
    auth.login("trainer@example.org")
    before = lesson_id(app, "first-lesson")
    response = client.post("/manage/mini/lessons/first-lesson/place",
                           data={"module": "next-steps", "position": 2})
    assert response.status_code == 302
    publish(client)
    assert lesson_order(client, "next-steps") == ["act-now", "first-lesson", "later"]
    assert lesson_id(app, "first-lesson") == before
    auth.logout()
    auth.login()
    page = client.get("/courses/mini/lessons/first-lesson")
    assert "Next steps" in text_of(page) and "This lesson is marked as complete" in text_of(page)


def test_retiring_a_lesson_hides_it_and_keeps_progress_and_history(app, client, auth, as_trainer,
                                                                  learner):
    edit_lesson(client, "second-lesson", 0, body="Edited once.")
    auth.logout()
    complete(app, client, auth, "second-lesson")
    auth.login("trainer@example.org")
    assert "Retire the lesson “Second lesson”?" in text_of(
        client.get("/manage/mini/lessons/second-lesson/retire"))
    client.post("/manage/mini/lessons/second-lesson/retire")
    publish(client)
    assert client.get("/courses/mini/lessons/second-lesson").status_code == 404
    manage = text_of(client.get("/manage/mini/"))
    assert "Retired lessons" in manage and "Second lesson" in manage
    with app.app_context():
        lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "second-lesson"))
        assert lesson.retired
        assert db.session.scalar(select(LessonCompletion).where(
            LessonCompletion.lesson_id == lesson.id)) is not None
        assert db.session.scalar(select(Revision).where(Revision.slug == "second-lesson"))

    client.post("/manage/mini/history/lesson/second-lesson/2/restore")
    publish(client)
    assert "Edited once." in text_of(client.get("/courses/mini/lessons/second-lesson"))
    assert lesson_id(app, "second-lesson") == lesson.id


def test_the_urgent_lesson_cannot_be_retired(as_trainer):
    response = as_trainer.post("/manage/mini/lessons/act-now/retire", follow_redirects=True)
    assert "cannot be retired" in text_of(response)
    assert "Act now" in text_of(as_trainer.get("/manage/mini/"))


def test_a_new_lesson_appears_in_learners_checklists(app, client, auth, as_trainer, learner):
    auth.logout()
    complete(app, client, auth, "first-lesson")
    auth.login("trainer@example.org")
    add_lesson(client, title="Keeping records")
    publish(client)
    auth.logout()
    auth.login()
    page = text_of(client.get("/my-learning"))
    assert "Read and mark complete: Keeping records" in page
    assert "Read and mark complete: First lesson" not in page


def test_new_lessons_never_take_an_old_slug(app, as_trainer):
    as_trainer.post("/manage/mini/lessons/second-lesson/retire")
    add_lesson(as_trainer, title="Second lesson")
    assert "Second lesson" in text_of(as_trainer.get(
        "/manage/mini/preview/lessons/second-lesson-2"))
