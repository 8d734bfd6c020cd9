"""A parent signs up from a lesson, completes it, logs out, logs in again and resumes."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import open_menu
from tests.conftest import PASSWORD
from tests.helpers import latest_email, link_in


def test_sign_up_complete_a_lesson_log_out_log_in_and_resume(app, course, live_server, page,
                                                            celery_worker):
    page.goto(live_server + "/")
    page.get_by_role("link", name="Mini Course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mini Course")
    page.get_by_role("link", name="First lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("First lesson")

    page.get_by_role("link", name="Mark as complete").click()
    page.get_by_role("link", name="Log in or create an account").click()
    expect(page).to_have_url(re.compile(r"/login\?"))
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    page.goto(live_server + link_in(latest_email(app), "/signup/"))
    page.get_by_label("Your name").fill("Pat Parent")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("First lesson")
    expect(page.get_by_text("This lesson is marked as complete.")).to_be_visible()

    page.get_by_role("link", name="Second lesson").click()  # opened, not finished
    open_menu(page)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    open_menu(page)
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.get_by_text("1 of 6 done").first).to_be_visible()
    page.locator(".continue-link").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second lesson")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("This lesson is marked as complete.")).to_be_visible()


def test_a_quiz_by_keyboard_alone(app, course, learner, live_server, page):
    page.goto(live_server + "/login")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.goto(live_server + "/courses/mini/modules/basics/quiz")
    page.get_by_label("Blue").focus()
    page.keyboard.press("Space")
    # The choices come in a new order each attempt: each is found by its label, not by
    # counting Tabs.
    page.get_by_label("2", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("4", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Submit my answers").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You scored 100%.")).to_be_visible()


def test_lesson_fits_a_narrow_phone_without_sideways_scrolling(course, live_server, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/courses/mini/lessons/first-lesson", "/courses/mini/modules/basics/quiz",
                 "/login"]:
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


def test_a_lesson_completed_by_keyboard_alone(app, course, learner, live_server, page):
    page.goto(live_server + "/login")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(40):  # Tab on until the email field has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    page.keyboard.type("learner@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    page.goto(live_server + "/courses/mini/lessons/first-lesson")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Mark as complete":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_text("This lesson is marked as complete.")).to_be_visible()
