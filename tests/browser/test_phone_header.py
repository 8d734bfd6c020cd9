"""The header on a phone (issue 23): one row of at most 56px with the site name and a Menu
button; the menu opens and closes by keyboard, and with no script at all; the crisis link stays
above the fold at 320x640; every control in it is a 44px target."""
import pytest

from tests.browser.accessibility import horizontal_overflow, page_problems
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

CRISIS = "Was your child just restrained or secluded?"
COURSE = "/courses/mini/"


def small_page(browser, width=320, height=640, script=True):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=script)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def small_targets(page, selector) -> list[str]:
    too_small = []
    for element in page.locator(selector).all():
        if element.is_visible():
            box = element.bounding_box()
            if box["height"] < 44 or box["width"] < 44:
                too_small.append(f"{element.inner_text()!r} {box['width']}x{box['height']}")
    return too_small


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "learner"])
def test_the_header_is_one_short_row_and_the_crisis_link_is_above_the_fold(
        browser, course, learner, live_server, signed_in):
    page = small_page(browser)
    try:
        if signed_in:
            log_in(page, live_server, "learner@example.org", PASSWORD)
        for width in (320, 390):
            page.set_viewport_size({"width": width, "height": 640})
            for path in ("/", COURSE):
                page.goto(live_server + path)
                assert header_height(page) <= 56, (width, path, header_height(page))
                assert page.get_by_role("navigation", name="Main").is_hidden()
                crisis = page.locator("a.urgent-link", has_text=CRISIS).bounding_box()
                assert crisis["y"] + crisis["height"] <= 640, (width, path, crisis)
                assert horizontal_overflow(page) <= 0, (width, path)
                assert small_targets(page, "header a, header button") == []
        page.set_viewport_size({"width": 320, "height": 640})
        page.get_by_role("button", name="Menu").click()
        assert small_targets(page, "header a, header button, header [aria-current]") == []
        assert horizontal_overflow(page) <= 0
    finally:
        page.context.close()


def test_the_menu_opens_and_closes_by_keyboard(browser, course, live_server):
    page = small_page(browser)
    try:
        page.goto(live_server + "/")
        menu = page.get_by_role("button", name="Menu")
        panel_id = menu.get_attribute("aria-controls")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.locator(f"#{panel_id}").is_hidden()

        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the site name
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.get_by_role("link", name="Log in").is_visible()
        assert page.get_by_role("link", name="Español").is_visible()
        page.keyboard.press("Tab")  # into the menu: its first link
        assert page.evaluate("id => document.activeElement.closest('#' + id) !== null", panel_id)
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.get_by_role("link", name="Log in").is_hidden()
        assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"

        page.keyboard.press("Space")
        assert menu.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
    finally:
        page.context.close()


def test_the_menu_works_with_no_script(browser, course, live_server):
    page = small_page(browser, script=False)
    try:
        page.goto(live_server + COURSE)
        assert header_height(page) <= 56
        crisis = page.locator("a.urgent-link").bounding_box()
        assert crisis["y"] + crisis["height"] <= 640
        menu = page.locator("summary.menu-button")
        assert menu.inner_text().strip() == "Menu"
        assert page.get_by_role("link", name="Glossary").is_hidden()
        menu.focus()
        page.keyboard.press("Enter")
        assert page.get_by_role("link", name="Glossary").is_visible()
        page.get_by_role("link", name="Español").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "es"
        assert header_height(page) <= 56  # the longer Spanish site name still fits one row
        page.locator("summary.menu-button").click()
        assert page.get_by_role("link", name="Glosario").is_visible()
        page.locator("summary.menu-button").click()
        assert page.get_by_role("link", name="Glosario").is_hidden()
    finally:
        page.context.close()


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_a_wide_screen_shows_the_navigation_inline(browser, course, live_server, script):
    page = small_page(browser, width=1280, height=800, script=script)
    try:
        page.goto(live_server + COURSE)
        assert page.get_by_role("link", name="Glossary").is_visible()
        assert page.get_by_role("link", name="Español").is_visible()
        assert not page.locator(".menu-button").is_visible()
    finally:
        page.context.close()


def test_home_course_and_lesson_pass_axe_in_both_languages(browser, course, live_server):
    page = small_page(browser, width=390, height=844)
    problems = []
    try:
        for language in ("en", "es"):
            for path in ("/", COURSE, "/courses/mini/lessons/first-lesson"):
                page.goto(f"{live_server}{path}?lang={language}")
                problems += page_problems(page, f"{language} {path}, menu closed")
                page.locator(".menu-button").click()
                problems += page_problems(page, f"{language} {path}, menu open")
    finally:
        page.context.close()
    assert problems == []
