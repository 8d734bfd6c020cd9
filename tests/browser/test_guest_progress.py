"""A parent completes two lessons and a quiz without an account, signs up on the same phone
(following the real sign-up email), chooses to add it, and finds all of it in My learning."""
from playwright.sync_api import expect

from tests.browser.conftest import open_menu
from tests.conftest import PASSWORD
from tests.helpers import latest_email, link_in


def test_a_guest_completes_two_lessons_and_a_quiz_then_signs_up_and_keeps_them(
        app, course, live_server, page, celery_worker):
    page.goto(live_server + "/courses/mini/lessons/first-lesson")
    page.get_by_role("link", name="Mark as complete").click()
    page.get_by_role("button", name="Mark as complete on this device").click()
    expect(page.get_by_text("This lesson is marked as complete.")).to_be_visible()
    expect(page.get_by_text("Your progress is kept on this device only.")).to_be_visible()

    page.get_by_role("link", name="Second lesson").first.click()
    page.get_by_role("button", name="Mark as complete").click()  # one tap, now a guest
    expect(page.get_by_text("This lesson is marked as complete.")).to_be_visible()

    page.goto(live_server + "/courses/mini/modules/basics/quiz")
    page.get_by_label("Blue").check()
    page.get_by_label("2", exact=True).check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("You scored 100%.")).to_be_visible()

    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning").click()
    expect(page.get_by_role("heading", name="Kept on this device only")).to_be_visible()
    expect(page.get_by_text("3 of 6 done").first).to_be_visible()

    page.get_by_role("link", name="Sign up to keep it and get a certificate").click()
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_text("Open the link in this browser")).to_be_visible()

    page.goto(live_server + link_in(latest_email(app), "/signup/"))
    page.get_by_label("Your name").fill("Sam Parent")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    # N8: the new account holder is asked before anything joins.
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress on this device")
    page.get_by_role("button", name="Add it").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.get_by_text("What you did on this device is now kept in your account.")
           ).to_be_visible()
    expect(page.get_by_text("Kept on this device only")).to_have_count(0)
    expect(page.get_by_text("3 of 6 done").first).to_be_visible()
    expect(page.get_by_text("Quiz: passed (100%).")).to_be_visible()
    cookies = {c["name"] for c in page.context.cookies()}
    assert "guest" not in cookies
