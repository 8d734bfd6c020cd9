"""Completion holds when the last steps race, and when a trainer's change completes a learner."""
import shutil
import threading

from sqlalchemy import select

from lms.courses.models import Lesson, Quiz
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.progress.services import mark_lesson_complete, submit_quiz
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import MINI_COURSE
from tests.helpers import only_course_id, quiz_answers, text_of


def completed_at(app):
    with app.app_context():
        return db.session.scalar(select(Enrolment.completed_at))


def test_the_last_two_steps_finished_at_the_same_moment_complete_the_course(app, client, auth,
                                                                            learner, course):
    """A lesson in one tab and the last quiz in another: each transaction must see the other."""
    auth.login()
    for slug in ["first-lesson", "second-lesson", "act-now"]:
        client.post(f"/courses/mini/lessons/{slug}/complete")
    client.post("/courses/mini/modules/next-steps/quiz", data=quiz_answers(app, "next-steps"))
    # Missing now: the lesson "later" and the "basics" quiz, finished at the same moment.
    barrier = threading.Barrier(2)
    errors = []

    def last_lesson():
        with app.app_context():
            lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "later"))
            db.session.commit()
            barrier.wait(timeout=10)
            mark_lesson_complete(learner, only_course_id(), lesson.id)

    def retake_quiz():
        with app.app_context():
            quiz = db.session.scalar(select(Quiz).where(Quiz.module.has(slug="basics")))
            answers = {q.key: [i for i, c in enumerate(q.choices) if c["correct"]]
                       for q in quiz.questions}
            db.session.commit()
            barrier.wait(timeout=10)
            submit_quiz(learner, only_course_id(), "basics", answers)

    def run(target):
        try:
            target()
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(t,)) for t in (last_lesson, retake_quiz)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert completed_at(app) is not None
    assert len(certificates(app)) == 1


def test_retiring_the_only_missing_lesson_completes_the_learner(app, client, auth, learner,
                                                                course, runner, tmp_path):
    auth.login()
    finish_course(app, client, leave="later")
    assert completed_at(app) is None
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    (folder / "02-next-steps" / "02-later.md").unlink()
    assert runner.invoke(args=["content", "import", str(folder)]).exit_code == 0

    page = text_of(client.get("/my-learning"))
    assert "You have completed the course." in page
    assert "See your certificate" in page
    assert completed_at(app) is not None and len(certificates(app)) == 1


def test_lowering_the_pass_mark_completes_a_learner_who_now_passes(app, client, auth, learner,
                                                                   course, runner, tmp_path):
    auth.login()
    finish_course(app, client, leave="basics")
    client.post("/courses/mini/modules/basics/quiz", data={"q-colour": "0",
                                                           "q-numbers": "0"})  # 50%
    assert completed_at(app) is None
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    course_file = folder / "course.yaml"
    course_file.write_text(course_file.read_text().replace("pass_mark: 80", "pass_mark: 50"))
    runner.invoke(args=["content", "import", str(folder)])

    assert "(passed)" in text_of(client.get("/courses/mini/modules/basics/quiz"))
    assert "You have completed the course." in text_of(client.get("/my-learning"))
    assert len(certificates(app)) == 1
