"""Every page type, as each kind of person sees it, passes axe-core's WCAG 2.x A/AA rules and
fits a 320px phone and a 200%-zoomed laptop without sideways scrolling."""
import pytest

from tests.browser.accessibility import axe_violations, horizontal_overflow, structure_problems
from tests.conftest import PASSWORD
from tests.helpers import latest_email, link_in

VISITOR_PAGES = ["/", "/introduction", "/modules/basics", "/lessons/first-lesson",
                 "/lessons/act-now", "/modules/basics/quiz", "/glossary", "/resources",
                 "/resources/checklist", "/login", "/signup", "/reset", "/accessibility",
                 "/no-such-page"]
LEARNER_PAGES = ["/", "/modules/basics", "/lessons/first-lesson", "/lessons/second-lesson",
                 "/modules/basics/quiz", "/my-learning", "/profile", "/profile/delete"]


def check(page, url, label):
    problems = [f"{label} {url}: {line}" for line in axe_violations(page)]
    problems += [f"{label} {url}: {line}" for line in structure_problems(page)]
    for width in (320, 640):  # a small phone; a 1280px laptop window at 200% zoom
        page.set_viewport_size({"width": width, "height": 800})
        if horizontal_overflow(page) > 0:
            problems.append(f"{label} {url}: scrolls sideways at {width}px")
    page.set_viewport_size({"width": 390, "height": 844})
    return problems


def visit_all(page, base, urls, label):
    problems = []
    for url in urls:
        page.goto(base + url)
        problems += check(page, url, label)
    return problems


def log_in(page, base, email="learner@example.org"):
    page.goto(base + "/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my-learning")


def test_visitor_pages(course, live_server, page):
    assert visit_all(page, live_server, VISITOR_PAGES, "visitor") == []


def test_forms_showing_their_errors(app, course, learner, live_server, page):
    problems = []
    for url, button in [("/login", "Log in"), ("/signup", "Create account"),
                        ("/reset", "Send the link")]:
        page.goto(live_server + url)
        page.get_by_role("button", name=button).click()
        assert page.locator(".error-summary").is_visible(), url
        problems += check(page, url, "errors")
    page.goto(live_server + "/reset")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_role("button", name="Send the link").click()
    problems += check(page, "/reset (sent)", "visitor")
    page.goto(live_server + link_in(latest_email(app), "/reset/"))
    problems += check(page, "/reset/<token>", "visitor")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_role("button", name="Save the new password").click()
    problems += check(page, "/reset/<token>", "errors")
    assert problems == []


def test_learner_pages(app, course, learner, live_server, page):
    log_in(page, live_server)
    page.goto(live_server + "/lessons/first-lesson")
    page.get_by_role("button", name="Mark as complete").click()
    problems = visit_all(page, live_server, LEARNER_PAGES, "learner")

    page.goto(live_server + "/modules/basics/quiz")
    page.get_by_role("button", name="Submit my answers").click()  # nothing answered: errors
    problems += check(page, "/modules/basics/quiz", "quiz errors")
    page.get_by_label("Green").check()
    page.get_by_label("3").check()
    page.get_by_role("button", name="Submit my answers").click()
    problems += check(page, "/modules/basics/quiz", "quiz result")
    page.goto(live_server + "/profile")
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Save").click()
    problems += check(page, "/profile", "profile errors")
    assert problems == []


@pytest.mark.parametrize("path", ["/lessons/first-lesson", "/login"])
def test_focus_is_visible(course, live_server, page, path):
    page.goto(live_server + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement; const style = getComputedStyle(el);
        return {text: el.textContent.trim(), outline: style.outlineStyle, width: style.outlineWidth};
    }""")
    assert focused["text"] == "Skip to main content"
    assert focused["outline"] != "none" and focused["width"] != "0px"
