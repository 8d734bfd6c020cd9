"""The lesson editor and Manage course as a trainer meets them (issue 23 item 3): a toolbar that
writes the Markdown, a live preview rendered by the server (a typed <script> neither runs nor
shows as HTML), beside the text at 1280px and under it at 320px; Manage course as an outline with
one Actions menu per line, reordered by keyboard as before. Both pages pass axe-core in English
and Spanish at 320px and 1280px, without sideways scrolling, with 44px targets on a phone."""
import pytest
from playwright.sync_api import expect

from lms.auth.models import Role
from tests.browser.accessibility import horizontal_overflow, page_problems
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.browser

EDITOR = "/manage/mini/lessons/second-lesson/edit"
MANAGE = "/manage/mini/"


@pytest.fixture
def trainer_page(app, course, browser, live_server):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, "trainer@example.org", PASSWORD)
    yield page
    context.close()


def text_area(page):
    return page.get_by_label("Lesson text")


def preview(page):
    return page.locator("[data-preview-of=body_md]")


def write(page, text: str, select: str | None = None) -> None:
    """Replace the lesson text, then select `select` in it (or put the caret at the end)."""
    text_area(page).fill(text)
    start = text.index(select) if select else len(text)
    end = start + len(select) if select else start
    text_area(page).evaluate("(area, [s, e]) => area.setSelectionRange(s, e)", [start, end])


def press(page, label: str) -> str:
    page.get_by_role("group", name="Formatting").get_by_role(
        "button", name=label, exact=True).click()
    return text_area(page).input_value()


def test_the_toolbar_writes_markdown_and_the_preview_follows_as_published(trainer_page,
                                                                        live_server):
    page = trainer_page
    page.goto(live_server + EDITOR)
    expect(preview(page)).to_contain_text("The second lesson.")  # rendered as the page opens
    assert page.get_by_role("button", name="Preview the text").is_hidden()  # live instead

    write(page, "Call the school today.", select="school")
    assert press(page, "Bold") == "Call the **school** today."
    expect(preview(page).locator("strong")).to_have_text("school")
    write(page, "Call the school today.", select="today")
    text_area(page).press("Control+i")
    assert text_area(page).input_value() == "Call the school *today*."
    write(page, "Keep a record", select="Keep")
    assert press(page, "Heading") == "## Keep a record"
    write(page, "the date\nwho was there", select="the date\nwho")
    assert press(page, "Bulleted list") == "- the date\n- who was there"
    write(page, "Ask\nWrite it down", select="Ask\nWrite")
    assert press(page, "Numbered list") == "1. Ask\n2. Write it down"
    write(page, "See the guide.", select="the guide")
    assert press(page, "Link") == "See [the guide](https://)."
    page.keyboard.type("https://www.ed.gov/")  # the address part was selected, ready to type
    write(page, "Text\n\n")
    assert press(page, "Image") == "Text\n\n![description of the image](/uploads/mini/image.png)"
    write(page, "Write it today.", select="Write it today.")
    assert press(page, "Callout box") == "> **Important:** Write it today."
    expect(preview(page).locator("blockquote strong")).to_have_text("Important:")

    # Every button is reached and pressed from the keyboard.
    write(page, "plain words", select="plain")
    page.get_by_role("button", name="Bold", exact=True).focus()
    page.keyboard.press("Enter")
    assert text_area(page).input_value() == "**plain** words"

    # What the server renders is what learners get: typed HTML is shown as text, never run.
    page.evaluate("window.ran = 0")
    write(page, "## Safe\n\n<script>window.ran = 1</script>\n\n"
                "<img src=x onerror=\"window.ran=2\">")
    expect(preview(page).locator("h2")).to_have_text("Safe")
    expect(preview(page)).to_contain_text("<script>window.ran = 1</script>")
    assert preview(page).locator("script, img").count() == 0
    assert page.evaluate("window.ran") == 0

    # Nothing is saved by the preview.
    page.goto(live_server + EDITOR)
    assert text_area(page).input_value().startswith("The second lesson.")


def test_the_preview_is_beside_the_text_on_a_wide_screen_and_under_it_on_a_phone(
        trainer_page, live_server):
    page = trainer_page
    page.goto(live_server + EDITOR)
    expect(preview(page)).to_contain_text("The second lesson.")
    text, shown = text_area(page).bounding_box(), page.locator("#body_md-preview").bounding_box()
    assert shown["x"] >= text["x"] + text["width"]  # beside
    assert shown["y"] < text["y"] + text["height"] and shown["y"] + shown["height"] > text["y"]
    assert text["height"] >= 400 and text["width"] >= 500  # room to work in

    page.set_viewport_size({"width": 320, "height": 640})
    text, shown = text_area(page).bounding_box(), page.locator("#body_md-preview").bounding_box()
    assert shown["y"] >= text["y"] + text["height"]  # under
    assert horizontal_overflow(page) <= 0
    assert small_targets(page) == []


def small_targets(page) -> list[str]:
    """Visible controls on the page's main part smaller than 44x44px (a checkbox counts with
    its label, which is its target too). A link in a sentence of a hint or of the lesson's text is
    exempt, as WCAG exempts inline targets."""
    too_small = []
    for element in page.locator("#main :is(a:not(.prose a):not(p.hint:not(.manage-links) a), "
                                "button, summary, "
                                "input:not([type=hidden]):not([type=checkbox]), textarea, "
                                "select, label.checkbox, .choice label)").all():
        if element.is_visible():
            box = element.bounding_box()
            if box["height"] < 44 or box["width"] < 44:
                too_small.append(f"{element.evaluate('e => e.outerHTML.slice(0, 80)')} "
                                 f"{box['width']:.0f}x{box['height']:.0f}")
    return too_small


def test_without_javascript_the_preview_button_opens_the_page_at_the_preview(
        app, course, browser, live_server):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block",
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, "trainer@example.org", PASSWORD)
        page.goto(live_server + EDITOR)
        assert page.get_by_role("group", name="Formatting").is_hidden()
        text_area(page).fill("## Keep a record\n\n<script>document.title = 'ran'</script>")
        page.get_by_role("button", name="Preview the text").click()
        page.wait_for_load_state()
        assert page.url.endswith("#body_md-editor")
        expect(preview(page).locator("h2")).to_have_text("Keep a record")
        shown = page.locator("#body_md-preview").bounding_box()
        text = text_area(page).bounding_box()
        assert shown["x"] >= text["x"] + text["width"]
        assert 0 <= shown["y"] < 800 and 0 <= text["y"] < 800  # both in view, not far below
        assert page.title() != "ran"
    finally:
        context.close()


def outline_lessons(page, module="basics") -> list[str]:
    return page.locator(f"#module-{module} li[id^=lesson-] .lesson-name").all_inner_texts()


def test_manage_is_an_outline_with_one_actions_menu_per_lesson(trainer_page, live_server):
    page = trainer_page
    page.goto(live_server + MANAGE)
    lessons = page.locator("li[id^=lesson-]")
    assert lessons.count() == 4
    for line in lessons.all():
        title = line.locator(".lesson-name").inner_text()
        assert line.locator("details").count() == 1
        menu = line.get_by_label(f"Actions for “{title}”")
        assert menu.is_visible() and menu.evaluate("e => e.tagName") == "SUMMARY"
        # Nothing else on the line to press; the actions show when the menu opens.
        assert line.locator("a:visible, button:visible").count() == 0
        menu.click()
        assert line.get_by_role("link", name=f"Edit “{title}”").is_visible()
        assert line.get_by_role("link", name=f"History of “{title}”").is_visible()
        menu.click()
    # One menu open at a time; Escape closes it and gives the focus back to its "Actions".
    first, second = page.get_by_label("Actions for “First lesson”"), \
        page.get_by_label("Actions for “Second lesson”")
    first.click()
    second.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details[open]")).to_have_count(1)  # closed when its toggle event comes
    page.get_by_role("link", name="Edit “Second lesson”").focus()
    page.keyboard.press("Escape")
    expect(page.locator("details[open]")).to_have_count(0)
    assert second.evaluate("e => e === document.activeElement")
    # An edit link is reached through the menu.
    page.get_by_label("Actions for “Second lesson”").click()
    page.get_by_role("link", name="Edit “Second lesson”").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Edit lesson: Second lesson"


def test_lessons_are_reordered_by_keyboard(trainer_page, live_server):
    page = trainer_page
    page.goto(live_server + MANAGE)
    assert outline_lessons(page) == ["First lesson", "Second lesson"]
    page.get_by_label("Actions for “First lesson”").focus()
    page.keyboard.press("Enter")  # opens the menu
    down = page.get_by_role("button", name="Move “First lesson” down")
    for _ in range(12):  # Tab through the menu to the move button
        page.keyboard.press("Tab")
        if down.evaluate("e => e === document.activeElement"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert outline_lessons(page) == ["Second lesson", "First lesson"]
    # The moved lesson's menu is open again, the focus on the move it was given, so a keyboard
    # user keeps going: it is now last, so the focus is on its menu, and Up is one Tab away.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        "Actions for “First lesson”"
    up = page.get_by_role("button", name="Move “First lesson” up")
    assert up.is_visible()
    up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert outline_lessons(page) == ["First lesson", "Second lesson"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        "Actions for “First lesson”"


def test_editor_and_manage_pass_axe_in_both_languages_on_a_phone_and_a_laptop(
        trainer_page, live_server):
    page = trainer_page
    problems = []
    for language in ("en", "es"):
        page.context.add_cookies([{"name": "lang", "value": language, "url": live_server}])
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            for path in (EDITOR, MANAGE):
                page.goto(live_server + path)
                if path == MANAGE:  # with a menu open, too
                    page.locator("li[id^=lesson-] summary").first.click()
                else:
                    expect(preview(page)).to_contain_text("The second lesson.")
                problems += page_problems(page, f"{language} {width}px {path}")
                if width == 320:
                    problems += [f"{language} {path}: {target}" for target in small_targets(page)]
    assert problems == []
