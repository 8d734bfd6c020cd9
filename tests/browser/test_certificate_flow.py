"""From the last lesson to a downloaded, verified PDF, in a real browser with a real worker."""
import pypdf
import pytest

from tests.certificates.helpers import finish_course
from tests.helpers import CSRFClient

pytestmark = pytest.mark.browser


def test_last_lesson_to_downloaded_certificate(app, course, learner, live_server, celery_worker,
                                               browser_page, tmp_path):
    finish_course(app, _logged_in_client(app), leave="later")
    page = browser_page
    console_errors = []
    page.on("console", lambda message: message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")  # none shipped
            and console_errors.append(message.text))

    page.goto(f"{live_server}/login")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/lessons/later")
    assert "Your certificate will show: Lee Learner" in page.inner_text("#lesson-status")

    page.get_by_role("button", name="Mark as complete").click()
    assert page.get_by_text("You have completed the course").is_visible()
    download_link = page.get_by_role("link", name="Download your certificate (PDF)")
    download_link.wait_for(state="visible")  # shown by certificate-status.js, no reload
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "certificate-mini-course-lee-learner.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    text = " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())
    code = page.locator(".certificate-html .code").inner_text()
    assert "Lee Learner" in text and "Mini Course" in text and code in text
    assert console_errors == []

    page.goto(f"{live_server}/verify")
    page.get_by_label("Verification code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check").click()
    assert "Valid." in page.inner_text("main")
    assert "Lee Learner" not in page.inner_text("main")


def _logged_in_client(app):
    """A client for the steps before the last one (browser tests keep CSRF protection on)."""
    client = CSRFClient(app.test_client())
    client.post("/login", data={"email": "learner@example.org",
                                "password": "correct horse battery"})
    return client
