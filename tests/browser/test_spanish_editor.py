"""Issue 23 item 3 in a real browser: the Spanish editors put the English beside the Spanish
on a wide screen and above it on a phone, show what changed in the English, and pass axe-core
with no sideways scrolling, in English and in Spanish, at 320 and 1280 px; so do the publish
page's list of changed items and its diffs. The Spanish Markdown fields have the editor's toolbar
and live preview, under the Spanish text, the English beside it."""
from playwright.sync_api import expect

from lms.auth.models import Role
from tests.browser.accessibility import horizontal_overflow, page_problems
from tests.browser.test_accessibility import log_in
from tests.browser.test_markdown_editor import small_targets
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import CSRFClient

EDITORS = ["/manage/mini/lessons/first-lesson/es", "/manage/mini/modules/basics/es",
           "/manage/mini/modules/basics/quiz/es", "/manage/mini/handouts/checklist/es",
           "/manage/mini/glossary/es", "/manage/mini/course/es", "/manage/mini/introduction/es"]
OTHER_PAGES = ["/manage/mini/publish", "/manage/mini/publish/changes/lesson/first-lesson",
               "/manage/mini/history/lesson-es/first-lesson",
               "/manage/mini/preview/lessons/first-lesson"]


def change_the_english(app):
    client = CSRFClient(app.test_client())
    client.post("/login", data={"email": "trainer@example.org", "password": PASSWORD})
    response = client.post("/manage/mini/lessons/first-lesson/edit", data={
        "title": "First lesson", "minutes": 3, "reviewed": "2026-11-02", "revision": "0",
        "body_md": "## Hello\n\nThe first lesson, with a longer sentence that must wrap on a "
                   "phone without any sideways scrolling at all.\n", "action": "save"})
    assert response.status_code == 302
    client.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "Primera lección", "body_md": "## Hola\n\nLa primera lección.\n",
        "action": "save"})
    response = client.post("/manage/mini/lessons/first-lesson/edit", data={
        "title": "First lesson", "minutes": 3, "reviewed": "2026-11-02", "revision": "2",
        "body_md": "## Hello\n\nThe first lesson, changed once more.\n", "action": "save"})
    assert response.status_code == 302


def test_the_spanish_editor_sits_beside_the_english_and_passes_axe(app, course, live_server,
                                                                   page):
    with app.app_context():
        make_user("trainer@example.org", "Tess", PASSWORD, Role.TRAINER, staff_of=[course])
    change_the_english(app)
    log_in(page, live_server, "trainer@example.org")

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server + EDITORS[0])
    english, spanish = page.locator(".english-side").nth(1), page.locator(".spanish-side").nth(1)
    assert english.bounding_box()["x"] + 300 < spanish.bounding_box()["x"]  # two columns
    assert abs(english.bounding_box()["y"] - spanish.bounding_box()["y"]) < 5
    change = page.locator(".english-change .diff")
    assert "The first lesson, changed once more." in change.locator("ins").inner_text()
    page.set_viewport_size({"width": 320, "height": 640})
    assert english.bounding_box()["y"] + english.bounding_box()["height"] <= \
        spanish.bounding_box()["y"]  # stacked: the English first

    problems = check_all(page, live_server, EDITORS + OTHER_PAGES)

    # After publishing: the message names each item with a link to its diff, which stays.
    page.goto(live_server + "/manage/mini/publish?lang=en")  # the preview's switch chose es
    # A publish renders and stores the course again, then the browser follows the redirect
    # (with a new offline kit installing beside it): slower than a page on a busy machine.
    page.get_by_role("button", name="Publish now").click(no_wait_after=True)
    page.wait_for_url(live_server + "/manage/mini/", timeout=30_000)
    page.locator(".flashes").get_by_role("link", name="First lesson (lesson, changed)").click()
    assert "The first lesson, changed once more." in page.locator(".diff").inner_text()
    problems += check_all(page, live_server, [page.url.removeprefix(live_server),
                                              page.url.removeprefix(live_server).rsplit(
                                                  "/", 2)[0]])
    assert problems == []


def check_all(page, base, urls) -> list[str]:
    """axe and sideways scrolling on each page, in English and Spanish, at 320 and 1280px."""
    problems = []
    for language in ("en", "es"):
        for url in urls:
            page.goto(base + url + ("&" if "?" in url else "?") + f"lang={language}")
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                problems += page_problems(page, f"{url} {language} {width}px")
    return problems


MARKDOWN_EDITORS = ["/manage/mini/lessons/first-lesson/es", "/manage/mini/handouts/checklist/es",
                    "/manage/mini/introduction/es", "/manage/mini/glossary/es"]


def test_the_spanish_text_has_the_toolbar_and_the_live_preview_under_it(app, course,
                                                                         live_server, page):
    with app.app_context():
        make_user("trainer@example.org", "Tess", PASSWORD, Role.TRAINER, staff_of=[course])
    log_in(page, live_server, "trainer@example.org")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server + MARKDOWN_EDITORS[0])
    text, shown = page.locator("#body_md"), page.locator("[data-preview-of=body_md]")
    assert page.get_by_role("button", name="Preview the text").is_hidden()  # live instead
    toolbar = page.get_by_role("group", name="Formatting")

    text.fill("Llame a la escuela hoy.")
    text.evaluate("area => area.setSelectionRange(11, 18)")
    toolbar.get_by_role("button", name="Bold", exact=True).click()
    assert text.input_value() == "Llame a la **escuela** hoy."
    expect(shown.locator("strong")).to_have_text("escuela")
    text.fill("")
    toolbar.get_by_role("button", name="Callout box").click()  # the words it puts are Spanish
    assert text.input_value() == "> **Importante:** Lo que el lector no debe pasar por alto."
    expect(shown.locator("blockquote strong")).to_have_text("Importante:")

    # The preview is the server's sanitised rendering: typed HTML shows as text, never runs.
    page.evaluate("window.ran = 0")
    text.fill('## Seguro\n\n<script>window.ran = 1</script>\n\n<img src=x onerror="window.ran=2">')
    expect(shown.locator("h2")).to_have_text("Seguro")
    expect(shown).to_contain_text("<script>window.ran = 1</script>")
    assert shown.locator("script, img").count() == 0 and page.evaluate("window.ran") == 0

    # Wide: the English | the Spanish text, its preview under it in the same column.
    english = page.locator(".english-side").nth(1).bounding_box()
    area, pane = text.bounding_box(), page.locator("#body_md-preview").bounding_box()
    assert english["x"] + english["width"] <= area["x"] and area["width"] >= 450
    assert pane["y"] >= area["y"] + area["height"] and abs(pane["x"] - area["x"]) < 2
    # A phone: the English, the Spanish text, its preview, one under the other.
    page.set_viewport_size({"width": 320, "height": 640})
    english = page.locator(".english-side").nth(1).bounding_box()
    area, pane = text.bounding_box(), page.locator("#body_md-preview").bounding_box()
    assert english["y"] + english["height"] <= area["y"] < pane["y"]
    assert horizontal_overflow(page) <= 0

    # Every page with a Spanish Markdown field: axe, no sideways scrolling, 44px targets.
    problems = []
    for language in ("en", "es"):
        page.context.add_cookies([{"name": "lang", "value": language, "url": live_server}])
        for url in MARKDOWN_EDITORS:
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(live_server + url)
                expect(page.locator(".markdown-toolbar").first).to_be_visible()
                problems += page_problems(page, f"{url} {language} {width}px")
                if width == 320:
                    problems += [f"{url} {language}: {t}" for t in small_targets(page)]
    assert problems == []


def test_without_javascript_the_spanish_preview_opens_under_the_spanish_text(app, course,
                                                                              browser,
                                                                              live_server):
    with app.app_context():
        make_user("trainer@example.org", "Tess", PASSWORD, Role.TRAINER, staff_of=[course])
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block",
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, "trainer@example.org")
        page.goto(live_server + MARKDOWN_EDITORS[0])
        assert page.get_by_role("group", name="Formatting").is_hidden()
        page.locator("#title").fill("Primera lección")
        page.locator("#body_md").fill(
            "## Guarde un registro\n\n<script>document.title='x'</script>")
        page.get_by_role("button", name="Preview the text").click()
        page.wait_for_load_state()
        assert page.url.endswith("#body_md-editor")
        shown = page.locator("[data-preview-of=body_md]")
        assert shown.locator("h2").inner_text() == "Guarde un registro"
        assert shown.locator("script").count() == 0 and page.title() != "x"
        area = page.locator("#body_md").bounding_box()
        assert page.locator("#body_md-preview").bounding_box()["y"] >= area["y"] + area["height"]
    finally:
        context.close()
