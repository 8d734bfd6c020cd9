"""Quizzes that prove learning (issue 21): each attempt asks questions drawn from a pool, its
choices in a new order; a failed attempt names what to reread, not the answers."""
import random
import re
import shutil

import pytest
import yaml
from sqlalchemy import select

from lms.content.exporter import export_course
from lms.content.importer import import_course
from lms.content.loader import ContentProblems, load_course
from lms.extensions import db
from lms.progress.models import GuestQuizAttempt, QuizAttempt
from tests.conftest import MINI_COURSE
from tests.helpers import text_of

QUIZ = "/courses/mini/modules/basics/quiz"
POOL = 6
ASK = 3
SPANISH = {"Accept-Language": "es"}


def _question(n: int) -> dict:
    question = {"key": f"q{n}", "prompt": f"Prompt number {n}?",
                "choices": [{"text": f"Right {n}", "correct": True},
                            *({"text": f"Wrong {n}{letter}"} for letter in "bcd")],
                "explanation": f"Explanation number {n}."}
    if n <= 3:
        question["lesson"] = "second-lesson"
    return question


def _spanish(n: int) -> dict:
    return {"key": f"q{n}", "prompt": f"Pregunta número {n}?",
            "choices": [{"text": f"Bien {n}"}, *({"text": f"Mal {n}{x}"} for x in "bcd")],
            "explanation": f"Explicación número {n}."}


def pooled_folder(tmp_path, ask=ASK, pool=POOL):
    folder = tmp_path / "mini"
    shutil.copytree(MINI_COURSE, folder)
    quiz = {"title": "Check", **({"ask": ask} if ask else {}),
            "questions": [_question(n) for n in range(1, pool + 1)]}
    (folder / "01-basics" / "quiz.yaml").write_text(yaml.safe_dump(quiz, sort_keys=False))
    (folder / "01-basics" / "quiz.es.yaml").write_text(yaml.safe_dump(
        {"questions": [_spanish(n) for n in range(1, pool + 1)]}, sort_keys=False,
        allow_unicode=True))
    return folder


@pytest.fixture
def pooled(app, tmp_path):
    """The mini course whose first quiz asks 3 of 6 questions, draws seeded for the test."""
    app.config["QUIZ_RANDOM"] = random.Random(21)
    with app.app_context():
        import_course(load_course(pooled_folder(tmp_path)))
        db.session.commit()


def shown(html: str) -> dict[str, list[str]]:
    """The page's questions: {key: [choice texts in the order shown]}."""
    questions: dict[str, list[str]] = {}
    for key, position, label in re.findall(r'<label for="q-(.+?)-(\d+)">(.*?)</label>', html):
        assert int(position) == len(questions.setdefault(key, []))
        questions[key].append(label)
    return questions


def answer(html: str, right: bool) -> dict:
    """Form data answering the page's questions by the text of their choices, as a learner
    would: each right choice (or the first wrong one), at the position where it is shown."""
    data = {"draw": re.search(r'name="draw" value="([^"]+)"', html).group(1)}
    for key, texts in shown(html).items():
        wanted = "Right" if right else "Wrong"
        data[f"q-{key}"] = str(next(i for i, t in enumerate(texts) if t.startswith(wanted)))
    return data


def attempt(client, right: bool, url=QUIZ):
    page = client.get(url).get_data(as_text=True)
    return page, client.post(QUIZ, data=answer(page, right))


def test_a_failed_attempt_names_the_lesson_to_reread_and_hides_the_answers(
        app, client, auth, learner, pooled):
    auth.login()
    _, response = attempt(client, right=False)
    html = response.get_data(as_text=True)
    page = text_of(response)
    assert "You scored 0%." in page
    assert html.count('<span class="tag tag-wrong">wrong</span>') == ASK
    assert "Reread the lesson: Second lesson" in page or "Reread the module: Basics" in page
    assert 'href="/courses/mini/lessons/second-lesson"' in html \
        or 'href="/courses/mini/modules/basics"' in html
    assert "correct answer" not in page and "Why:" not in page
    assert "Explanation number" not in page and "Right " not in page


def test_a_question_without_a_lesson_points_to_its_module(app, client, auth, learner, pooled):
    auth.login()
    pages = [text_of(attempt(client, right=False)[1]) for _ in range(4)]
    assert any("Reread the lesson: Second lesson" in page for page in pages)
    assert any("Reread the module: Basics" in page for page in pages)


def test_a_pass_shows_every_explanation_and_the_right_choices(app, client, auth, learner,
                                                                pooled):
    auth.login()
    page, response = attempt(client, right=True)
    result = text_of(response)
    assert "You scored 100%." in result and "You passed this quiz." in result
    for key in shown(page):
        number = key.removeprefix("q")
        assert f"Why: Explanation number {number}." in result
        assert f"Right {number} your answer correct answer" in result
    assert result.count("Why:") == ASK


def test_each_attempt_draws_a_different_set_and_grades_only_it(app, client, auth, learner,
                                                                 pooled):
    auth.login()
    sets = []
    for _ in range(4):
        page, response = attempt(client, right=True)
        sets.append(set(shown(page)))
        assert len(sets[-1]) == ASK
        assert "You scored 100%." in text_of(response)  # only the drawn questions count
    assert all(before != after for before, after in zip(sets, sets[1:], strict=False))
    with app.app_context():
        attempts = db.session.scalars(select(QuizAttempt).order_by(QuizAttempt.id)).all()
        assert [set(a.answers) for a in attempts] == sets
        assert [{item["key"] for item in a.drawn} for a in attempts] == sets


def test_choices_are_shuffled_and_answers_keep_the_choice_indices(app, client, auth, learner,
                                                                   pooled):
    auth.login()
    first, response = attempt(client, right=True)
    assert "You scored 100%." in text_of(response)
    second = client.get(QUIZ).get_data(as_text=True)
    in_order = [f"Right {n}" for n in range(1, POOL + 1)]
    orders = [shown(first), shown(second)]
    assert any(texts[0] not in in_order for order in orders for texts in order.values())
    common = set(orders[0]) & set(orders[1])
    assert common and any(orders[0][key] != orders[1][key] for key in common)
    with app.app_context():
        stored = db.session.scalar(select(QuizAttempt))
        # The right choice is the question's choice 0, wherever it was shown.
        assert stored.answers == {key: [0] for key in orders[0]}
        assert [sorted(item["order"]) for item in stored.drawn] == [[0, 1, 2, 3]] * ASK


def test_a_draw_is_answered_once(app, client, auth, learner, pooled):
    auth.login()
    page = client.get(QUIZ).get_data(as_text=True)
    assert client.post(QUIZ, data=answer(page, right=False)).status_code == 200
    again = client.post(QUIZ, data=answer(page, right=True))
    assert again.status_code == 409
    assert "Here are new questions." in text_of(again)
    assert set(shown(again.get_data(as_text=True))) != set(shown(page))
    with app.app_context():
        assert [a.score for a in db.session.scalars(select(QuizAttempt))] == [0]


@pytest.mark.parametrize("draw", [None, "", "forged", "eyJxdWl6IjoxfQ.bad"])
def test_a_pooled_quiz_takes_no_form_without_its_signed_draw(app, client, auth, learner, pooled,
                                                              draw):
    auth.login()
    data = {f"q-q{n}": "0" for n in range(1, POOL + 1)}
    if draw is not None:
        data["draw"] = draw
    response = client.post(QUIZ, data=data)
    assert response.status_code == 409
    assert "this page was out of date" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(QuizAttempt)) is None


def test_a_draw_made_for_someone_else_is_refused(app, client, auth, learner, pooled):
    visitor_page = client.get(QUIZ + "/answer").get_data(as_text=True)
    auth.login()
    assert client.post(QUIZ, data=answer(visitor_page, right=True)).status_code == 409


def test_the_shared_visitor_page_shows_no_questions_and_each_visitor_draws_when_answering(
        app, client, pooled):
    shared = text_of(client.get(QUIZ))
    assert "Prompt number" not in shared
    assert "Each attempt asks 3 questions, drawn from 6 on this module" in shared
    assert "This quiz asks 3 questions." in shared
    answering = client.get(QUIZ + "/answer").get_data(as_text=True)
    assert len(shown(answering)) == ASK


def test_a_guest_draws_like_an_account(app, client, pooled):
    sets = []
    for url in [QUIZ + "/answer", QUIZ, QUIZ]:  # a visitor, then the guest it became
        page, response = attempt(client, right=True, url=url)
        assert "You scored 100%." in text_of(response)
        sets.append(set(shown(page)))
    assert sets[0] != sets[1] and sets[1] != sets[2]
    with app.app_context():
        stored = db.session.scalars(select(GuestQuizAttempt).order_by(GuestQuizAttempt.id))
        assert [set(a.answers) for a in stored] == sets


def test_the_spanish_quiz_draws_from_the_same_pool(app, client, pooled):
    page = client.get(QUIZ + "/answer", headers=SPANISH).get_data(as_text=True)
    assert page.count("Pregunta número") == ASK and "Prompt number" not in page
    assert all(texts[0].startswith(("Bien", "Mal")) for texts in shown(page).values())


def test_a_quiz_that_asks_every_question_takes_an_old_form_without_a_draw(
        app, client, auth, learner, course):
    """A page opened before quizzes drew questions answered every question as written."""
    auth.login()
    response = client.post(QUIZ, data={"q-colour": "0", "q-numbers": ["0", "2"]})
    assert "You scored 100%." in text_of(response)


def test_the_loader_wants_a_pool_half_again_as_large_as_ask(tmp_path):
    with pytest.raises(ContentProblems) as refused:
        load_course(pooled_folder(tmp_path, ask=5, pool=7))
    assert "01-basics/quiz.yaml:2: `ask: 5` needs a pool of at least 1.5 times as many " \
           "questions (8)" in str(refused.value)


def test_the_loader_checks_each_question_lesson(tmp_path):
    folder = pooled_folder(tmp_path)
    quiz = folder / "01-basics" / "quiz.yaml"
    quiz.write_text(quiz.read_text().replace("lesson: second-lesson", "lesson: no-such", 1))
    with pytest.raises(ContentProblems) as refused:
        load_course(folder)
    line = next(i for i, text in enumerate(quiz.read_text().splitlines(), 1) if "no-such" in text)
    assert f"quiz.yaml:{line}: question 'q1': `lesson: no-such` is not a lesson of this " \
           "course" in str(refused.value).replace('"', "'")


def test_ask_and_lessons_survive_import_and_export(app, tmp_path):
    with app.app_context():
        course, _ = import_course(load_course(pooled_folder(tmp_path)))
        db.session.commit()
        export_course(course, tmp_path / "out")
    again = load_course(tmp_path / "out")
    basics = again.modules[0]
    assert basics.quiz_ask == ASK and len(basics.questions) == POOL
    assert [q.lesson for q in basics.questions] == ["second-lesson"] * 3 + [""] * 3
