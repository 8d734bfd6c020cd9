"""Quiz editing, revision history, readable diffs and restore."""
from sqlalchemy import select

from lms.courses.models import Question
from lms.extensions import db
from tests.authoring.helpers import edit_lesson, publish
from tests.helpers import quiz_answers, text_of


def quiz_form(client, module="basics") -> dict:
    """The quiz editor's fields as the page fills them in (what a browser would send back)."""
    html = client.get(f"/manage/mini/modules/{module}/quiz").get_data(as_text=True)
    data = {}
    for chunk in html.split("<input")[1:]:
        tag = chunk.split(">")[0]
        name = tag.split('name="')[1].split('"')[0] if 'name="' in tag else None
        if not name or name == "csrf_token":
            continue
        if 'type="checkbox"' in tag:
            if " checked" in tag:
                data[name] = "y"
        else:
            data[name] = tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""
    for chunk in html.split("<textarea")[1:]:
        name = chunk.split('name="')[1].split('"')[0]
        data[name] = chunk.split(">", 1)[1].split("</textarea>")[0]
    return data


def test_a_trainer_edits_adds_and_removes_questions(app, client, auth, as_trainer, learner):
    auth.logout()
    auth.login()
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    auth.logout()
    auth.login("trainer@example.org")

    data = quiz_form(client)
    data["q-0-prompt"] = "What colour is a clear daytime sky?"
    data["q-1-remove"] = "y"
    data.update({"q-2-prompt": "Is restraint ever harmless?", "q-2-c-0-text": "Yes",
                 "q-2-c-1-text": "No", "q-2-c-1-correct": "y",
                 "q-2-explanation": "It always carries risk.", "q-2-position": "1"})
    response = client.post("/manage/mini/modules/basics/quiz", data=data)
    assert response.status_code == 302
    publish(client)

    page = text_of(client.get("/courses/mini/modules/basics/quiz"))
    assert page.index("Is restraint ever harmless?") < page.index("clear daytime sky")
    assert "Which are even numbers?" not in page
    with app.app_context():
        keys = {q.key: q.retired for q in db.session.scalars(select(Question))}
    assert keys["numbers"] is True and keys["colour"] is False
    assert keys["is-restraint-ever-harmless"] is False
    auth.logout()
    auth.login()
    assert "passed" in text_of(client.get("/my-learning"))  # the earlier pass still counts


def test_quiz_mistakes_are_listed_and_the_input_kept(as_trainer):
    data = quiz_form(as_trainer)
    data.update({"q-0-c-0-correct": "", "q-0-c-1-correct": "", "q-1-explanation": ""})
    data = {k: v for k, v in data.items() if v != "" or not k.endswith("-correct")}
    response = as_trainer.post("/manage/mini/modules/basics/quiz", data=data)
    assert response.status_code == 400
    page = text_of(response)
    assert "Question 1: tick at least one correct choice." in page
    assert "Question 2: explain the answer" in page
    assert "What colour is the sky on a clear day?" in page


def test_history_diff_and_restore(app, as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="The second lesson.\n\nA new <b>line</b>.",
                note="Added a line")
    edit_lesson(as_trainer, "second-lesson", 2, body="Rewritten completely.")
    history = text_of(as_trainer.get("/manage/mini/history/lesson/second-lesson"))
    assert "Added a line" in history and "Tess Trainer" in history

    diff = as_trainer.get("/manage/mini/history/lesson/second-lesson/diff?old=1&new=2")
    html = diff.get_data(as_text=True)
    assert "<ins>A new &lt;b&gt;line&lt;/b&gt;.</ins>" in html
    assert "Added" in text_of(diff)

    response = as_trainer.post("/manage/mini/history/lesson/second-lesson/2/restore",
                               follow_redirects=True)
    assert "restored into the draft as revision 4" in text_of(response)
    assert "A new" in text_of(as_trainer.get("/manage/mini/preview/lessons/second-lesson"))
    assert "Restored revision 2" in text_of(as_trainer.get(
        "/manage/mini/history/lesson/second-lesson"))


def test_course_details_and_modules(app, as_trainer):
    response = as_trainer.post("/manage/mini/course", data={
        "title": "Mini Course, revised", "summary": "Shorter.", "pass_mark": 70, "revision": "0"})
    assert response.status_code == 302
    as_trainer.post("/manage/mini/modules/new", data={"title": "Your rights", "summary": "Law."})
    as_trainer.post("/manage/mini/modules/your-rights/edit",
                    data={"title": "Your rights at school"})
    as_trainer.post("/manage/mini/modules/your-rights/lessons/new", data={
        "title": "Records", "minutes": 3, "reviewed": "2026-11-02",
        "body_md": "Ask for records.", "revision": "0"})
    assert as_trainer.post("/manage/mini/course", data={
        "title": "", "summary": "x", "pass_mark": 101, "revision": "1"}).status_code == 400
    publish(as_trainer)
    home = text_of(as_trainer.get("/courses/mini/"))
    assert "Mini Course, revised" in home and "Your rights at school" in home
    assert "70% or more" in text_of(as_trainer.get("/courses/mini/modules/basics/quiz"))

    as_trainer.post("/manage/mini/modules/your-rights/retire")
    publish(as_trainer)
    assert "Your rights at school" not in text_of(as_trainer.get("/courses/mini/"))
    assert as_trainer.get("/courses/mini/lessons/records").status_code == 404


def test_two_questions_with_one_key_are_refused(as_trainer):
    question = {"prompt": "Why?", "explanation": "Because.", "choices": "2",
                "c-0-text": "Yes", "c-0-correct": "y", "c-1-text": "No"}
    data = {"title": "Quiz", "count": "2", "revision": "0", "action": "save"}
    for i in (0, 1):
        data.update({f"q-{i}-{name}": value for name, value in question.items()})
        data[f"q-{i}-key"] = "same-key"
    response = as_trainer.post("/manage/mini/modules/basics/quiz", data=data)
    assert response.status_code == 400
    assert "same key as another question" in text_of(response)
    assert as_trainer.get("/manage/mini/publish").status_code in (200, 302)
