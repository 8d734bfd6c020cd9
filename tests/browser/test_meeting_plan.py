"""A learner on a phone sets a meeting date and sees the plan; the unsubscribe page asks before
it acts. Every state of these pages passes axe-core and fits a small screen."""
from datetime import timedelta

from lms.reminders.meetings import today
from lms.reminders.unsubscribe import Stream, unsubscribe_url
from tests.browser.accessibility import page_problems
from tests.conftest import PASSWORD


def log_in(page, base):
    page.goto(base + "/login")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my-learning")


def test_setting_a_meeting_and_reading_the_plan(app, course, learner, live_server, page):
    log_in(page, live_server)
    problems = page_problems(page, "my learning, no meeting")
    page.get_by_role("link", name="Plan for a meeting").click()
    problems += page_problems(page, "plan, empty")

    page.get_by_label("Date of the meeting").fill((today() - timedelta(days=1)).isoformat())
    page.get_by_label("IEP meeting").check()
    page.get_by_role("button", name="Save my meeting").click()
    assert page.get_by_text("That date has already passed").first.is_visible()
    problems += page_problems(page, "plan, past date refused")

    page.get_by_label("Date of the meeting").fill((today() + timedelta(days=5)).isoformat())
    page.get_by_label("IEP meeting").check()
    page.get_by_label("Email me one reminder two days before").check()
    page.get_by_role("button", name="Save my meeting").click()
    page.get_by_role("heading", name="Your IEP meeting is in 5 days").wait_for()
    items = page.locator("ol.meeting-plan > li").all_inner_texts()
    assert [item.split("\n")[0].split(" ")[0] for item in items] == ["Read:", "Read:", "Print:"]
    problems += page_problems(page, "plan, set")

    page.goto(live_server + "/my-learning")
    assert page.get_by_text("Your IEP meeting is in 5 days").is_visible()
    problems += page_problems(page, "my learning, with a meeting")
    assert problems == []


def test_the_unsubscribe_page_asks_then_confirms(app, course, learner, live_server, page):
    with app.app_context():
        path = unsubscribe_url(learner, Stream.REMINDERS).split("127.0.0.1:5000", 1)[1]
    page.goto(live_server + path)
    problems = page_problems(page, "unsubscribe, asking")
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    problems += page_problems(page, "unsubscribe, done")
    page.goto(live_server + "/unsubscribe/changed-link")
    problems += page_problems(page, "unsubscribe, bad link")
    assert problems == []


def test_the_meeting_controls_are_big_enough_to_tap_on_a_phone(course, learner, live_server, page):
    """The native date box and the checkbox are about 20px tall unstyled: each control (with its
    label, which toggles it) is at least 44px tall at 320px."""
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server)
    page.goto(live_server + "/my-learning/meeting")
    heights = {
        "date": page.get_by_label("Date of the meeting").bounding_box()["height"],
        "reminder": page.locator("label.checkbox").bounding_box()["height"],
        "IEP": page.locator("label", has_text="IEP meeting").bounding_box()["height"],
    }
    assert all(height >= 44 for height in heights.values()), heights
    page.locator("label", has_text="IEP meeting").click()
    assert page.get_by_label("IEP meeting").is_checked()


def test_after_marking_complete_on_this_device_the_confirmation_is_in_view(course, live_server,
                                                                           page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/courses/mini/lessons/first-lesson/complete")
    page.get_by_role("button", name="Mark as complete on this device").click()
    page.wait_for_url("**/lessons/first-lesson")
    confirmation = page.get_by_text("is marked as complete on this device")
    assert confirmation.is_visible()
    box = confirmation.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640  # seen without scrolling
