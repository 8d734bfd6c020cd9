"""The lesson editor's preview (issue 23): the live preview's endpoint answers the course's staff
only, with the HTML learners will get (the publishing renderer and sanitiser), and refuses a
missing CSRF token and oversize text; without JavaScript, "Preview the text" shows the same
preview beside the text."""
import re

import pytest

from lms.auth.models import Role
from lms.content.schema import MAX_BODY
from lms.courses.markdown import render_markdown
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import CSRFClient

URL = "/manage/mini/preview-markdown"
TEXT = ("## Keep a record\n\n- the date\n\n> **Important:** Write it today.\n\n"
        "<script>alert(1)</script>\n\n[bad](javascript:alert(1)) ![x](https://example.org/x.png)")


@pytest.fixture
def app_config(app_config):
    """CSRF protection on, as in production: the endpoint is a form post like any other."""
    return {**app_config, "WTF_CSRF_ENABLED": True}


def logged_in(app, client, email: str | None) -> CSRFClient:
    browser = CSRFClient(client)
    if email:
        browser.post("/login", data={"email": email, "password": PASSWORD})
    return browser


@pytest.fixture
def people(app, course):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER,
                  staff_of=[course])
        make_user("other@example.org", "Otto Other", PASSWORD, Role.TRAINER, staff_of=[])
        make_user("learner@example.org", "Lee Learner", PASSWORD)


def test_staff_get_the_text_as_learners_will_get_it(app, client, people):
    response = logged_in(app, client, "trainer@example.org").post(URL, data={"text": TEXT})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert html == render_markdown(TEXT)  # the very renderer and sanitiser publishing uses
    assert "<h2>Keep a record</h2>" in html and "<blockquote>" in html
    assert "<script" not in html
    assert 'href="javascript:' not in html and "example.org" not in html  # no such link or image
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the typed text, shown escaped


@pytest.mark.parametrize("email, status", [
    (None, 403), ("learner@example.org", 403), ("other@example.org", 403)],
    ids=["visitor", "learner", "trainer-of-another-course"])
def test_only_the_course_staff_may_preview(app, client, people, email, status):
    response = logged_in(app, client, email).post(URL, data={"text": "## Hello"})
    assert response.status_code == status
    assert "<h2>Hello</h2>" not in response.get_data(as_text=True)


def test_a_post_without_the_csrf_token_is_refused(app, client, people):
    logged_in(app, client, "trainer@example.org")
    response = client.post(URL, data={"text": "## Hello"})  # the raw client: no token
    assert response.status_code == 400
    assert "This form expired" in response.get_data(as_text=True)


def test_oversize_or_missing_text_is_refused_with_a_reason(app, client, people):
    browser = logged_in(app, client, "trainer@example.org")
    too_long = browser.post(URL, data={"text": "a" * (MAX_BODY + 1)})
    assert too_long.status_code == 413
    assert "too long to preview: at most 200,000 characters" in too_long.get_data(as_text=True)
    assert browser.post(URL, data={"text": "a" * MAX_BODY}).status_code == 200
    missing = browser.post(URL, data={})
    assert missing.status_code == 400
    assert "no text to preview" in missing.get_data(as_text=True)


def test_without_javascript_the_preview_button_shows_the_preview_beside_the_text(
        app, client, people):
    browser = logged_in(app, client, "trainer@example.org")
    form = browser.get("/manage/mini/lessons/second-lesson/edit").get_data(as_text=True)
    # The button sends the form back to the page, opened at the editor.
    assert re.search(r'formaction="#body_md-editor"[^>]*>Preview the text<', form)
    response = browser.post("/manage/mini/lessons/second-lesson/edit", data={
        "title": "Second lesson", "minutes": 4, "reviewed": "2026-11-02", "revision": "0",
        "action": "preview", "body_md": TEXT})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    editor = html.split('id="body_md-editor"', 1)[1].split("</section>", 1)[0]
    assert "<textarea" in editor  # the text and its preview, side by side in one block
    preview = editor.split('data-preview-of="body_md">', 1)[1]
    assert preview.startswith(render_markdown(TEXT))
    assert "This is exactly the HTML learners will get" in editor
    assert "<script>alert(1)</script>" not in html
