"""The quiz editor sets how many questions an attempt asks from the pool, and the lesson each
question sends a learner back to (issue 21)."""
import random

from lms.catalogue.published import published_snapshot
from lms.extensions import db
from lms.progress.draw import draw
from tests.authoring.helpers import publish
from tests.authoring.test_quiz_and_history import quiz_form
from tests.helpers import only_course_id, text_of

EDITOR = "/manage/mini/modules/basics/quiz"
THIRD = {"q-2-prompt": "Is restraint ever harmless?", "q-2-c-0-text": "Yes",
         "q-2-c-1-text": "No", "q-2-c-1-correct": "y", "q-2-explanation": "It carries risk."}


def test_a_pool_smaller_than_one_and_a_half_times_ask_is_refused(as_trainer):
    data = {**quiz_form(as_trainer), "ask": "2"}
    response = as_trainer.post(EDITOR, data=data)
    assert response.status_code == 400
    assert ("Questions asked: to ask 2, the quiz needs at least 3 questions (1.5 times as many, "
            "so that a retry asks different ones); it has 2.") in text_of(response)
    assert 'name="ask" value="2"' in response.get_data(as_text=True)  # the input is kept
    for bad in ["0", "x", "-1"]:
        assert as_trainer.post(EDITOR, data={**data, "ask": bad}).status_code == 400


def test_a_trainer_sets_ask_and_lessons_and_learners_get_the_draw(app, as_trainer):
    data = {**quiz_form(as_trainer), **THIRD, "ask": "2", "q-0-lesson": "second-lesson"}
    assert as_trainer.post(EDITOR, data=data).status_code == 302
    editor = as_trainer.get(EDITOR).get_data(as_text=True)
    assert 'name="ask" value="2"' in editor
    assert '<option value="second-lesson" selected>Second lesson</option>' in editor
    publish(as_trainer)
    page = text_of(as_trainer.get("/courses/mini/modules/basics/quiz"))
    assert "Each attempt asks 2 questions, drawn from 3 on this module" in page
    with app.app_context():
        module = published_snapshot(only_course_id()).module("basics")
        assert module.quiz_ask == 2 and module.questions[0].lesson == "second-lesson"
        assert len(draw(module, None, random.Random(1))) == 2
        db.session.rollback()


def test_a_lesson_not_in_the_course_is_refused(as_trainer):
    data = {**quiz_form(as_trainer), "q-0-lesson": "no-such-lesson"}
    response = as_trainer.post(EDITOR, data=data)
    assert response.status_code == 400
    assert "Question 1: choose a lesson of this course." in text_of(response)
