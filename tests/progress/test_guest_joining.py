"""A guest's progress joins an account: nothing lost, nothing counted twice, the report tallies
bumped once for what is new, the guest gone; and idle guests are purged after 90 days."""
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from lms.certificates.models import Certificate
from lms.config import settings_from_env
from lms.courses.models import Module, Quiz
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress import guests
from lms.progress.joining import join_account
from lms.progress.models import (
    Enrolment,
    Guest,
    GuestLessonCompletion,
    GuestPlace,
    GuestQuizAttempt,
    LessonCompletion,
    QuizAttempt,
    QuizPass,
)
from lms.progress.services import mark_lesson_complete, submit_quiz
from lms.progress.tasks import purge_idle_guests
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import course_lesson, lesson_id, only_course_id
from tests.progress.test_tallies import counts, recounted
from tests.reports.helpers import LESSONS, RIGHT, WRONG_COLOUR


def guest_with(app, lessons=(), basics=(), next_steps=()) -> int:
    """A guest who completed these lessons and submitted these answer sets, through the
    guest services (the first step creates the guest)."""
    guest = None
    with app.app_context():
        for slug in lessons:
            guest = guests.complete_lesson(guest, *course_lesson(app, slug)).guest
        for module, answer_sets in (("basics", basics), ("next-steps", next_steps)):
            for answers in answer_sets:
                guest = guests.submit_quiz(guest, only_course_id(), module, answers).guest
        return guest.id


def rows(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return db.session.scalar(query)


def attempts(app, user_id: int) -> list[tuple[str, int, int, bool]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            select(Module.slug, QuizAttempt.attempt_number, QuizAttempt.score, QuizAttempt.passed)
            .join(Quiz, Quiz.id == QuizAttempt.quiz_id).join(Module, Module.id == Quiz.module_id)
            .where(QuizAttempt.user_id == user_id).order_by(QuizAttempt.id))]


def quiz_pass_attempts(app, user_id: int) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(
            select(Module.slug, QuizPass.attempts)
            .join(Quiz, Quiz.id == QuizPass.quiz_id).join(Module, Module.id == Quiz.module_id)
            .where(QuizPass.user_id == user_id)).all())


def join(app, guest_id: int, user_id: int):
    with app.app_context():
        return join_account(guest_id, user_id)


def new_account(app, email="pat@example.org") -> int:
    with app.app_context():
        return make_user(email, "Pat Parent", PASSWORD).id


def test_guest_steps_are_not_counted_in_reports_until_they_join(app, course):
    guest_with(app, lessons=LESSONS[:2], basics=[WRONG_COLOUR, RIGHT["basics"]])
    assert counts(app) == {}  # reports count accounts only
    assert rows(app, LessonCompletion) == rows(app, QuizAttempt) == 0


def test_a_guest_s_steps_join_a_new_account(app, course):
    guest_id = guest_with(app, lessons=LESSONS[:2], basics=[WRONG_COLOUR, RIGHT["basics"]])
    user_id = new_account(app)

    outcome = join(app, guest_id, user_id)

    assert (outcome.lessons_added, outcome.attempts_added, outcome.certificates) == (2, 2, ())
    assert rows(app, LessonCompletion, user_id=user_id) == 2
    assert attempts(app, user_id) == [("basics", 1, 50, False), ("basics", 2, 100, True)]
    assert quiz_pass_attempts(app, user_id) == {"basics": 2}
    tallied = counts(app)
    assert tallied == recounted(app)
    assert sum(n for key, n in tallied.items() if key[0] == "lesson_done") == 2
    assert sum(n for key, n in tallied.items() if key[0] == "quiz_tried") == 1
    assert sum(n for key, n in tallied.items() if key[0] == "quiz_passed") == 1
    for model in (Guest, GuestLessonCompletion, GuestQuizAttempt):
        assert rows(app, model) == 0, model  # the guest record is gone


def test_steps_done_both_as_guest_and_in_the_account_count_once(app, course):
    user_id = new_account(app)
    with app.app_context():
        mark_lesson_complete(user_id, *course_lesson(app, "first-lesson"))
        submit_quiz(user_id, only_course_id(), "basics", WRONG_COLOUR)
    before = counts(app)
    guest_id = guest_with(app, lessons=["first-lesson", "act-now"], basics=[RIGHT["basics"]])

    outcome = join(app, guest_id, user_id)

    assert (outcome.lessons_added, outcome.attempts_added) == (1, 1)
    assert rows(app, LessonCompletion, user_id=user_id) == 2  # first-lesson once, act-now
    # The guest's attempt follows the account's own: the first attempt stays the account's.
    assert attempts(app, user_id) == [("basics", 1, 50, False), ("basics", 2, 100, True)]
    assert quiz_pass_attempts(app, user_id) == {"basics": 2}
    after = counts(app)
    assert after == recounted(app)
    first_lesson = lesson_id(app, "first-lesson")
    assert sum(n for key, n in after.items() if key[:2] == ("lesson_done", first_lesson)) == 1
    assert ({k: n for k, n in after.items() if k[0] in ("quiz_tried", "first_attempt", "answer")}
            == {k: n for k, n in before.items()
                if k[0] in ("quiz_tried", "first_attempt", "answer")})


def test_an_account_that_passed_keeps_its_first_pass(app, course):
    user_id = new_account(app)
    with app.app_context():
        submit_quiz(user_id, only_course_id(), "basics", RIGHT["basics"])
    guest_id = guest_with(app, basics=[WRONG_COLOUR, RIGHT["basics"]])
    join(app, guest_id, user_id)
    assert [a[1:] for a in attempts(app, user_id)] == [(1, 100, True), (2, 50, False),
                                                       (3, 100, True)]
    assert quiz_pass_attempts(app, user_id) == {"basics": 1}
    assert counts(app) == recounted(app)


def test_joining_can_complete_the_course_through_the_normal_path(app, course):
    guest_id = guest_with(app, lessons=LESSONS, basics=[RIGHT["basics"]],
                          next_steps=[RIGHT["next-steps"]])
    user_id = new_account(app)
    outcome = join(app, guest_id, user_id)
    assert len(outcome.certificates) == 1
    with app.app_context():
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user_id))
        assert enrolment.completed_at is not None
        certificate = db.session.scalar(select(Certificate).where(
            Certificate.user_id == user_id))
        assert certificate.id == outcome.certificates[0].id
    assert counts(app) == recounted(app)


def test_a_guest_completing_everything_earns_no_certificate(app, course):
    guest_with(app, lessons=LESSONS, basics=[RIGHT["basics"]], next_steps=[RIGHT["next-steps"]])
    assert rows(app, Certificate) == 0 and rows(app, Enrolment) == 0


def test_a_guest_joins_once_even_when_two_log_ins_race(app, course):
    guest_id = guest_with(app, lessons=["first-lesson"], basics=[RIGHT["basics"]])
    user_id = new_account(app)
    assert join(app, guest_id, user_id).lessons_added == 1
    assert join(app, guest_id, user_id) is None  # already joined: nothing happens twice
    assert rows(app, LessonCompletion, user_id=user_id) == 1
    assert len(attempts(app, user_id)) == 1
    assert counts(app) == recounted(app)


def test_the_guest_s_last_lesson_is_where_the_account_resumes(app, course):
    guest_id = guest_with(app, lessons=["first-lesson", "act-now"])
    user_id = new_account(app)
    join(app, guest_id, user_id)
    act_now = lesson_id(app, "act-now")
    with app.app_context():
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user_id))
        assert enrolment.last_lesson_id == act_now


def test_a_retired_lesson_records_nothing_and_creates_no_guest(app, course):
    with app.app_context():
        step = guests.complete_lesson(None, only_course_id(), 999_999)
    assert (step.guest, step.new_token, step.recorded) == (None, None, False)
    assert rows(app, Guest) == 0


def age(app, guest_id: int, days: float) -> None:
    with app.app_context():
        db.session.execute(update(Guest).where(Guest.id == guest_id)
                           .values(last_seen_at=utcnow() - timedelta(days=days)))
        db.session.commit()


def test_guests_unvisited_for_90_days_are_purged_with_their_progress(app, course):
    stale = guest_with(app, lessons=["first-lesson"], basics=[RIGHT["basics"]])
    recent = guest_with(app, lessons=["second-lesson"], basics=[WRONG_COLOUR])
    age(app, stale, 91)
    age(app, recent, 89)

    with app.app_context():
        assert purge_idle_guests() == 1

    assert rows(app, Guest) == 1 and rows(app, Guest, id=recent) == 1
    assert rows(app, GuestLessonCompletion, guest_id=stale) == 0
    assert rows(app, GuestQuizAttempt, guest_id=stale) == 0
    assert rows(app, GuestLessonCompletion, guest_id=recent) == 1
    assert rows(app, GuestQuizAttempt, guest_id=recent) == 1
    beat = settings_from_env(Path(app.instance_path))["CELERY"]["beat_schedule"]
    assert any(e["task"] == "lms.progress.tasks.purge_idle_guests" for e in beat.values())


def test_a_guest_record_holds_no_personal_data(app, course):
    with app.app_context():
        columns = {c.name for model in (Guest, GuestLessonCompletion, GuestQuizAttempt,
                                        GuestPlace) for c in model.__table__.columns}
    assert columns == {"id", "token_hash", "created_at", "last_seen_at", "last_lesson_id",
                       "guest_id", "lesson_id", "completed_at", "quiz_id", "submitted_at",
                       "score", "passed", "answers", "drawn", "course_id"}
