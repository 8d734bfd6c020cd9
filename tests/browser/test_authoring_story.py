"""A trainer, as a new user would, drafts, previews, publishes, reorders, edits, restores and
exports a lesson; a learner part-way through keeps their progress and finds it in place."""
import pytest
from playwright.sync_api import expect

from lms.auth.models import Role
from tests.browser.accessibility import page_problems
from tests.browser.conftest import log_in, log_out, open_menu
from tests.conftest import PASSWORD
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.stored_files]


@pytest.fixture
def people(app, course, learner):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)


def test_trainer_publishes_a_new_lesson_and_the_learner_sees_it_in_place(live_server, page,
                                                                         people, tmp_path):
    base = live_server
    log_in(page, base, "learner@example.org", PASSWORD)
    page.goto(f"{base}/courses/mini/lessons/first-lesson")
    page.get_by_role("button", name="Mark as complete").click()
    log_out(page)

    # The trainer drafts a lesson and checks the text preview before saving.
    log_in(page, base, "trainer@example.org", PASSWORD)
    open_menu(page)
    nav(page).get_by_role("link", name="Manage courses").click()
    page.get_by_role("link", name="Mini Course").click()
    page.get_by_role("link", name="Add a lesson to “Basics”").click()
    page.get_by_label("Lesson title").fill("Writing it down")
    page.get_by_label("Minutes to read").fill("4")
    page.get_by_label("Lesson text").fill(
        "## Keep a record\n\n- the date\n- who was there\n\n> **Important:** Write it today.")
    preview = page.locator(".text-preview")  # follows the typing (lms/static/editor.js)
    expect(preview.locator("h2", has_text="Keep a record")).to_be_visible()
    expect(preview.locator("blockquote")).to_contain_text("Important: Write it today.")
    page.get_by_role("button", name="Save to draft").click()
    assert "is added to the draft" in page.locator(".flashes").inner_text()

    # The draft preview is the learner's page, with a banner; learners do not see it yet.
    page.get_by_label("Actions for “Writing it down”").click()
    page.get_by_role("link", name="Preview “Writing it down”").click()
    assert "Preview of the draft — not published" in page.locator(".preview-banner").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Writing it down"
    assert "Previous: Second lesson" in page.locator(".step-nav").inner_text()

    page.get_by_role("link", name="Back to Manage course").click()
    page.get_by_role("link", name="Review and publish").click()
    assert "1 lesson created" in page.locator(".change-summary").inner_text()
    page.get_by_role("button", name="Publish now").click()
    assert "Published" in page.locator(".flashes").inner_text()

    # Reorder by keyboard-reachable buttons, edit, then restore the first text from history.
    page.get_by_label("Actions for “Writing it down”").click()  # each lesson's one menu
    page.get_by_role("button", name="Move “Writing it down” up").click()
    page.get_by_role("link", name="Edit “Writing it down”").click()  # its menu is open again
    page.get_by_label("Lesson text").fill("Replaced by mistake.")
    page.get_by_role("button", name="Save to draft").click()
    page.get_by_label("Actions for “Writing it down”").click()
    page.get_by_role("link", name="History of “Writing it down”").click()
    page.get_by_role("link", name="Restore revision 1").click()
    page.get_by_role("button", name="Yes, restore revision 1").click()
    assert "restored into the draft as revision 3" in page.locator(".flashes").inner_text()
    page.goto(f"{base}/manage/mini/")
    page.get_by_role("link", name="Review and publish").click()
    page.get_by_role("button", name="Publish now").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the published course as a zip").click()
    saved = tmp_path / "export.zip"
    download.value.save_as(saved)
    assert saved.stat().st_size > 500
    log_out(page)

    # The learner finds the lesson in the right place and keeps what they had done.
    log_in(page, base, "learner@example.org", PASSWORD)
    page.goto(f"{base}/courses/mini/modules/basics")
    lessons = page.locator("ol.lessons > li a").all_inner_texts()
    assert lessons == ["First lesson", "Writing it down", "Second lesson"]
    page.get_by_role("link", name="Writing it down").click()
    assert page.locator(".prose blockquote").inner_text().startswith("Important:")
    page.goto(f"{base}/my-learning")
    checklist = page.locator(".checklist").inner_text()
    assert "Writing it down" in checklist and "First lesson" not in checklist


def nav(page):
    return page.get_by_role("navigation", name="Main")


AUTHORING_PAGES = [
    "/manage/mini/", "/manage/mini/course", "/manage/mini/modules/new",
    "/manage/mini/modules/basics/edit",
    "/manage/mini/modules/basics/lessons/new", "/manage/mini/lessons/second-lesson/edit",
    "/manage/mini/lessons/second-lesson/place", "/manage/mini/lessons/second-lesson/retire",
    "/manage/mini/modules/basics/quiz", "/manage/mini/publish", "/manage/mini/discard",
    "/manage/mini/history/lesson/second-lesson", "/manage/mini/history/lesson/second-lesson/1",
    "/manage/mini/history/lesson/second-lesson/diff?old=1&new=2", "/manage/mini/preview/",
    "/manage/mini/preview/lessons/second-lesson", "/manage/mini/preview/modules/basics/quiz",
    "/manage/mini/images", "/manage/mini/import", "/manage/", "/manage/new",
]


def test_authoring_pages_have_no_axe_violations(live_server, page, people):
    log_in(page, live_server, "trainer@example.org", PASSWORD)
    page.goto(f"{live_server}/manage/mini/lessons/second-lesson/edit")
    page.get_by_label("Lesson text").fill("Changed.")
    page.get_by_role("button", name="Save to draft").click()
    page.goto(f"{live_server}/manage/mini/lessons/second-lesson/edit")
    page.get_by_label("Lesson title").fill("")
    page.get_by_role("button", name="Save to draft").click()  # the page with errors, too
    problems = page_problems(page, "edit with errors")
    for path in AUTHORING_PAGES:
        page.goto(live_server + path)
        problems += page_problems(page, path)
    page.goto(f"{live_server}/manage/new")
    page.get_by_role("button", name="Create the course").click()  # the form with its errors
    problems += page_problems(page, "/manage/new with errors")
    assert problems == []
