"""Lessons and handouts print as the text alone: no navigation, header, footer or controls, and
each external link written out after its text."""
from tests.browser.conftest import open_menu
from tests.browser.test_listen import RECORDING_SPEECH
from tests.offline.helpers import publish_long_lesson

CHROME = [".site-header", ".site-footer", "nav", ".listen", ".step-nav", ".lesson-status",
          ".breadcrumb"]
AFTER = "(selector) => getComputedStyle(document.querySelector(selector), '::after').content"


def visible(page, selector: str) -> bool:
    return any(element.is_visible() for element in page.locator(selector).all())


def test_a_printed_lesson_is_the_text_with_its_links_written_out(course, runner, live_server,
                                                                  page, tmp_path):
    publish_long_lesson(runner, tmp_path / "course")
    page.add_init_script(RECORDING_SPEECH)  # the Listen control is shown on screen ...
    page.goto(live_server + "/courses/mini/lessons/act-now")
    open_menu(page)  # on a phone the navigation is behind the Menu button
    assert all(visible(page, selector) for selector in CHROME)
    assert page.evaluate(AFTER, ".prose a[href^='http']") == "none"

    page.emulate_media(media="print")
    assert [selector for selector in CHROME if visible(page, selector)] == []  # ... not printed
    assert page.locator(".prose").is_visible() and page.locator("h1").is_visible()
    assert page.evaluate(AFTER, ".prose a[href^='http']") == '" (https://example.org/the-law)"'
    assert page.evaluate(AFTER, ".resources a") == "none"  # a link on this site is not


def test_a_printed_handout_has_no_controls(course, live_server, page):
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/resources/checklist")
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-footer", ".listen", ".no-print"]:
        assert not visible(page, selector), selector
    assert page.locator(".prose").inner_text() == "Do this.\nThen that."


def test_a_handout_has_a_print_button_that_prints(course, live_server, page, browser):
    """On a phone the browser's Print is hard to find: the handout offers a button. It needs
    the script, so without it the button is not shown (the page still says "print this page")."""
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(live_server + "/courses/mini/resources/checklist")
    button = page.get_by_role("button", name="Print this handout")
    button.click()
    assert page.evaluate("window.printed") == 1

    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        no_script = context.new_page()
        no_script.goto(live_server + "/courses/mini/resources/checklist")
        assert no_script.get_by_role("button", name="Print this handout").count() == 0
        assert no_script.get_by_text("or print this page.").is_visible()
    finally:
        context.close()
