"""Gentle reminders: who gets one when, at most three a week apart, each saying where the
learner left off; none after completion, to learners who did not choose them, or to
deactivated or deleted accounts. Run on a fixed clock (`now` is passed in)."""
import re
import threading

from sqlalchemy import select

from lms.auth.models import User
from lms.auth.services import SIGNUP
from lms.auth.tokens import issue_token
from lms.extensions import db
from lms.reminders.models import CourseReminder
from lms.reminders.sending import _claim_course_reminder, due_course_reminders
from tests.certificates.helpers import finish_course
from tests.conftest import PASSWORD
from tests.reminders.helpers import (
    DAY,
    T0,
    last_active,
    new_learner,
    reminder_emails,
    run_batch,
    set_user,
)


def test_the_first_reminder_goes_a_week_after_the_last_step_and_says_where_they_left_off(
        app, client, course):
    user_id = new_learner(app, client, "rae@example.org")
    last_active(app, user_id, T0)
    assert run_batch(app, T0 + 6 * DAY).course_reminders == 0
    assert run_batch(app, T0 + 7 * DAY).course_reminders == 1
    [message] = reminder_emails(app)
    assert message["To"] == "rae@example.org"
    assert message["Subject"] == "Pick up where you left off: Mini Course"
    body = message.get_content()
    assert ("You left off at:\n\n  Second lesson\n"
            "  http://127.0.0.1:5000/courses/mini/lessons/second-lesson") in body
    assert "/unsubscribe/" in body
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:5000/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_at_most_three_a_week_apart_and_running_twice_sends_nothing_more(app, client, course):
    user_id = new_learner(app, client, "rae@example.org")
    last_active(app, user_id, T0)
    sent = [run_batch(app, T0 + days * DAY).course_reminders
            for days in (7, 7, 10, 14, 14, 20, 21, 28, 60)]
    assert sent == [1, 0, 0, 1, 0, 0, 1, 0, 0]
    bodies = [m.get_content() for m in reminder_emails(app)]
    assert len(bodies) == 3
    assert "This is the last reminder" in bodies[2] and "last reminder" not in bodies[0]


def test_a_step_taken_after_a_reminder_starts_the_week_again(app, client, course):
    user_id = new_learner(app, client, "rae@example.org")
    last_active(app, user_id, T0)
    run_batch(app, T0 + 7 * DAY)
    client.post("/login", data={"email": "rae@example.org", "password": PASSWORD})
    client.post("/courses/mini/lessons/second-lesson/complete")
    last_active(app, user_id, T0 + 10 * DAY)
    assert run_batch(app, T0 + 14 * DAY).course_reminders == 0
    assert run_batch(app, T0 + 17 * DAY).course_reminders == 1
    assert "  Quiz: Basics\n  http://127.0.0.1:5000/courses/mini/modules/basics/quiz" in \
        reminder_emails(app)[-1].get_content()


def test_nobody_who_did_not_choose_them_finished_or_cannot_log_in_gets_one(app, client, course):
    chose_not = new_learner(app, client, "no@example.org", reminders=False)
    deactivated = new_learner(app, client, "gone@example.org")
    set_user(app, deactivated, active=False)
    finished = new_learner(app, client, "done@example.org", done=())
    client.post("/login", data={"email": "done@example.org", "password": PASSWORD})
    finish_course(app, client)
    client.post("/logout")
    waiting = new_learner(app, client, "yes@example.org")
    for user_id in (chose_not, deactivated, finished, waiting):
        last_active(app, user_id, T0)
    assert run_batch(app, T0 + 8 * DAY).course_reminders == 1
    assert [m["To"] for m in reminder_emails(app)] == ["yes@example.org"]


def test_a_deleted_account_gets_none(app, client, course):
    user_id = new_learner(app, client, "rae@example.org")
    last_active(app, user_id, T0)
    client.post("/login", data={"email": "rae@example.org", "password": PASSWORD})
    assert client.post("/profile/delete", data={"password": PASSWORD}).status_code == 302
    assert run_batch(app, T0 + 8 * DAY).course_reminders == 0


def test_a_second_worker_with_the_same_stale_list_cannot_send_it_again(app, client, course):
    """Two workers read the same due list; the first claims and sends, the second's claim (the
    conditional write on the count it read) finds the row changed and sends nothing."""
    user_id = new_learner(app, client, "rae@example.org")
    last_active(app, user_id, T0)
    now = T0 + 7 * DAY
    with app.app_context():
        stale = due_course_reminders(now, course, 10)
    assert stale == [(user_id, 0)]
    run_batch(app, now)
    with app.app_context():
        assert _claim_course_reminder(user_id, course, 0, now) is False
        db.session.rollback()
    # And for the second reminder, the count it read is out of date the same way.
    with app.app_context():
        stale = due_course_reminders(now + 7 * DAY, course, 10)
    run_batch(app, now + 7 * DAY)
    with app.app_context():
        assert stale == [(user_id, 1)]
        assert _claim_course_reminder(user_id, course, 1, now + 7 * DAY) is False
        db.session.rollback()
        row = db.session.scalar(select(CourseReminder))
        assert row.sent_count == 2
    assert len(reminder_emails(app)) == 2


def reminder_box(html: str) -> str:
    return re.search(r'<input[^>]*name="reminder_emails"[^>]*>', html).group(0)


def test_the_choice_is_offered_on_the_profile_off_by_default(app, client, auth, learner,
                                                             course):
    auth.login()
    page = client.get("/profile").get_data(as_text=True)
    assert "Email me a gentle reminder if I stop part-way" in page
    assert "checked" not in reminder_box(page)
    client.post("/profile", data={"name": "Lee Learner", "reminder_emails": "y"})
    assert "checked" in reminder_box(client.get("/profile").get_data(as_text=True))
    client.post("/profile", data={"name": "Lee Learner"})
    with app.app_context():
        assert db.session.get(User, learner).reminder_emails is False


def test_the_choice_is_offered_where_the_password_is_chosen_at_sign_up(app, client, course):
    with app.app_context():
        yes = issue_token(SIGNUP, "yes@example.org", 3600, payload={})
        no = issue_token(SIGNUP, "no@example.org", 3600, payload={})
        db.session.commit()
    page = client.get(f"/signup/{yes}").get_data(as_text=True)
    assert "checked" not in reminder_box(page)
    client.post(f"/signup/{yes}", data={"name": "Yes", "password": PASSWORD,
                                        "reminder_emails": "y"})
    app.test_client().post(f"/signup/{no}", data={"name": "No", "password": PASSWORD})
    with app.app_context():
        chosen = dict(db.session.execute(select(User.email, User.reminder_emails)).all())
    assert chosen == {"yes@example.org": True, "no@example.org": False}


def test_two_workers_running_the_batch_at_once_send_each_reminder_once(app, another_app, client,
                                                                       course):
    """Two processes (two apps, two engines) run the same batch at the same moment."""
    learners = [new_learner(app, app.test_client(), f"l{n}@example.org") for n in range(6)]
    for user_id in learners:
        last_active(app, user_id, T0)
    start = threading.Barrier(2)
    totals = []

    def run(each_app):
        start.wait()
        totals.append(run_batch(each_app, T0 + 7 * DAY).course_reminders)

    threads = [threading.Thread(target=run, args=(a,)) for a in (app, another_app)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(totals) == len(learners), totals
    with app.app_context():
        counts = db.session.execute(select(CourseReminder.user_id, CourseReminder.sent_count))
        assert dict(counts.all()) == {user_id: 1 for user_id in learners}
