"""A change the draft refuses, on every authoring page: the trainer reads why, keeps what they
typed on a form page, or is sent back to where they clicked; nothing is saved.

"Others kept saving" (DraftBusy) is made certain by giving change_draft no attempt at all, the
state it reaches after losing every race."""
import pytest
from sqlalchemy import select

from lms.authoring import draft
from lms.authoring.models import CourseDraft
from lms.extensions import db
from tests.helpers import text_of

BUSY = "Others were saving changes at the same moment. Nothing was saved; please try again."

LESSON = {"title": "Typed title", "minutes": 6, "body_md": "Typed body that must survive.",
          "revision": "0", "action": "save", "reviewed": "2026-11-02"}
QUIZ = {"title": "Typed quiz", "count": "1", "revision": "0", "q-0-prompt": "Typed question?",
        "q-0-explanation": "Because.", "q-0-choices": "2", "q-0-c-0-text": "Yes",
        "q-0-c-0-correct": "y", "q-0-c-1-text": "No"}

# (url, form, status, text the page keeps)
FORM_PAGES = [
    ("/manage/mini/course", {"title": "Typed course title", "summary": "S.", "pass_mark": 70,
                             "revision": "0"}, 409, "Typed course title"),
    ("/manage/mini/modules/new", {"title": "Typed module"}, 400, "Typed module"),
    ("/manage/mini/modules/basics/edit", {"title": "Typed module"}, 409, "Typed module"),
    ("/manage/mini/modules/basics/lessons/new", LESSON, 409, "Typed body that must survive."),
    ("/manage/mini/lessons/second-lesson/edit", LESSON, 409, "Typed body that must survive."),
    ("/manage/mini/lessons/second-lesson/place", {"module": "next-steps", "position": 1}, 409,
     "Move “Second lesson”"),
    ("/manage/mini/modules/basics/quiz", QUIZ, 409, "Typed question?"),
    ("/manage/mini/handouts/checklist/edit", {"before_meeting": "y"}, 409, "The checklist"),
    ("/manage/mini/lessons/second-lesson/es", {"title": "Título escrito", "body_md": "Texto."},
     409, "Título escrito"),
    ("/manage/mini/modules/basics/es", {"title": "Módulo escrito"}, 409, "Módulo escrito"),
]

# (url, form, status, where the trainer is sent back to)
BUTTONS = [
    ("/manage/mini/modules/basics/move", {"direction": "down"}, 302,
     "/manage/mini/#module-basics"),
    ("/manage/mini/modules/basics/retire", {}, 302, "/manage/mini/#module-basics"),
    ("/manage/mini/lessons/first-lesson/move", {"direction": "down"}, 302,
     "/manage/mini/#lesson-first-lesson"),
    ("/manage/mini/lessons/first-lesson/retire", {}, 302, "/manage/mini/#lesson-first-lesson"),
]
# "Still right" with a busy draft: tests/authoring/test_spanish_side_by_side.py (with no draft it
# changes the published translation alone, so it cannot meet a busy draft).


@pytest.fixture
def busy(monkeypatch):
    monkeypatch.setattr(draft, "ATTEMPTS", 0)


def no_draft(app) -> bool:
    with app.app_context():
        return db.session.scalar(select(CourseDraft)) is None


@pytest.mark.parametrize(("url", "data", "status", "kept"), FORM_PAGES)
def test_a_busy_draft_shows_the_form_again_with_what_was_typed(app, as_trainer, busy, url,
                                                               data, status, kept):
    response = as_trainer.post(url, data=data)
    assert response.status_code == status
    assert BUSY in text_of(response)
    assert kept in response.get_data(as_text=True)  # in a field, or the heading
    assert no_draft(app)


@pytest.mark.parametrize(("url", "data", "status", "back"), BUTTONS)
def test_a_busy_draft_sends_a_button_back_where_it_was_clicked(app, as_trainer, busy, url, data,
                                                               status, back):
    response = as_trainer.post(url, data=data)
    assert response.status_code == status
    assert response.headers["Location"] == back
    assert BUSY in text_of(as_trainer.get("/manage/mini/"))
    assert no_draft(app)


def test_a_busy_draft_sends_a_restore_back_to_the_history(as_trainer, monkeypatch):
    as_trainer.post("/manage/mini/lessons/second-lesson/edit", data=LESSON)  # revisions 1, 2
    monkeypatch.setattr(draft, "ATTEMPTS", 0)
    response = as_trainer.post("/manage/mini/history/lesson/second-lesson/1/restore")
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/mini/history/lesson/second-lesson"
    assert BUSY in text_of(as_trainer.get(response.headers["Location"]))


def test_a_refused_change_says_why_and_goes_back(as_trainer):
    response = as_trainer.post("/manage/mini/modules/next-steps/retire")
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/mini/#module-next-steps"
    assert "cannot be retired" in text_of(as_trainer.get("/manage/mini/"))
