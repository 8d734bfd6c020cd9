"""Lessons and handouts print as the text alone: no navigation, header, footer or controls, and
each external link written out after its text."""
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
