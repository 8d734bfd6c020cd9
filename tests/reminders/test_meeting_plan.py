"""A learner sets a meeting with the school and sees what to read and print before it."""
from datetime import date, timedelta

from sqlalchemy import update

from lms.extensions import db
from lms.reminders.meetings import days_left, today
from lms.reminders.models import MeetingPlan
from tests.helpers import text_of


def in_days(n: int) -> str:
    return (today() + timedelta(days=n)).isoformat()


def set_meeting(client, days: int, kind="iep", remind=True):
    data = {"meeting_on": in_days(days), "kind": kind}
    if remind:
        data["remind"] = "y"
    return client.post("/my-learning/meeting", data=data)


def test_the_plan_lists_marked_lessons_and_handouts_in_course_order_with_days_left(
        client, auth, learner, course):
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    assert set_meeting(client, 5).status_code == 302
    page = client.get("/my-learning/meeting")
    text = text_of(page)
    assert "Your IEP meeting is in 5 days" in text
    assert "We will email you one reminder two days before" in text
    plan = text.split("What to read and print before it")[1].split("Change your meeting")[0]
    # first-lesson and act-now are marked; act-now offers the marked checklist handout.
    assert plan.index("Read: First lesson done") < plan.index("Read: Act now not read yet") \
        < plan.index("Print: The checklist")
    assert "Second lesson" not in plan and "Later" not in plan
    assert 'href="/courses/mini/resources/checklist.pdf"' in page.get_data(as_text=True)


def test_my_learning_has_a_short_box_that_links_to_the_plan(client, auth, learner, course):
    auth.login()
    before = text_of(client.get("/my-learning"))
    assert "A meeting with the school coming up?" in before and "Plan for a meeting" in before
    set_meeting(client, 1, kind="504")
    after = text_of(client.get("/my-learning"))
    assert "Your 504 meeting is tomorrow . 2 of 2 suggested lessons still to read." in after
    assert "See your meeting plan" in after


def test_a_past_date_is_refused_with_a_clear_message_and_nothing_is_saved(
        client, auth, learner, course):
    auth.login()
    response = set_meeting(client, -1)
    assert response.status_code == 400
    assert "That date has already passed" in text_of(response)
    assert "Set your meeting" in text_of(client.get("/my-learning/meeting"))


def test_bad_input_gets_messages_not_errors(client, auth, learner, course):
    auth.login()
    for data, message in [
            ({"meeting_on": "next tuesday", "kind": "iep"}, "Enter the date of the meeting, for"),
            ({"meeting_on": "", "kind": "iep"}, "Enter the date of the meeting."),
            ({"meeting_on": in_days(3), "kind": "party"}, "Not a valid choice"),
            ({"meeting_on": in_days(3)}, "Choose the kind of meeting"),
            ({"meeting_on": in_days(900), "kind": "iep"}, "more than two years away")]:
        response = client.post("/my-learning/meeting", data=data)
        assert response.status_code == 400, data
        assert message in text_of(response), data


def test_today_counts_and_the_meeting_can_be_changed_and_removed(client, auth, learner, course):
    auth.login()
    set_meeting(client, 0, kind="incident", remind=False)
    text = text_of(client.get("/my-learning/meeting"))
    assert "Your meeting about an incident is today" in text
    assert "We will email you" not in text
    set_meeting(client, 10)
    assert "Your IEP meeting is in 10 days" in text_of(client.get("/my-learning/meeting"))
    removed = client.post("/my-learning/meeting/remove", follow_redirects=True)
    assert "Your meeting is removed" in text_of(removed)
    assert "Set your meeting" in text_of(removed)


def test_a_meeting_that_has_passed_says_so_and_offers_a_new_one(app, client, auth, learner,
                                                                course):
    auth.login()
    set_meeting(client, 3)
    with app.app_context():
        db.session.execute(update(MeetingPlan).values(meeting_on=today() - timedelta(days=2)))
        db.session.commit()
    text = text_of(client.get("/my-learning/meeting"))
    assert "Your IEP meeting has passed" in text and "set its date below" in text
    assert "Your IEP meeting has passed" in text_of(client.get("/my-learning"))


def test_days_left_words():
    day = date(2027, 3, 10)
    assert [days_left(day + timedelta(days=n), day) for n in (-1, 0, 1, 2, 5)] == [
        "passed", "today", "tomorrow", "in 2 days", "in 5 days"]


def test_the_plan_needs_an_account(client, course):
    response = client.get("/my-learning/meeting")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_data_download_includes_the_meeting_and_the_reminder_choice(client, auth, learner,
                                                                        course):
    auth.login()
    client.post("/profile", data={"name": "Lee Learner", "reminder_emails": "y"})
    set_meeting(client, 4, kind="504")
    data = client.get("/profile/data.json").get_json()
    assert data["profile"]["reminder_emails"] is True
    assert data["meeting"] == {"date": in_days(4), "kind": "504", "reminder": True,
                               "reminded_at": None}
    assert data["course_reminders_sent"] == []
