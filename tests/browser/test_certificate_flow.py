"""From the last lesson to a downloaded, verified PDF, in a real browser with a real worker."""
import pypdf
import pytest

from tests.certificates.helpers import finish_course
from tests.helpers import CSRFClient

pytestmark = [pytest.mark.browser, pytest.mark.stored_files]


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
    page.goto(f"{live_server}/courses/mini/lessons/later")
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

    page.reload()  # the certificate page, now ready: the credential link is there too
    with page.expect_download() as credential_info:
        page.get_by_role("link", name="Download the digital credential (.jwt)").click()
    credential = tmp_path / credential_info.value.suggested_filename
    credential_info.value.save_as(credential)
    assert credential.suffix == ".jwt"
    assert pypdf.PdfReader(path).attachments["credential.jwt"][0] == credential.read_bytes()

    page.goto(f"{live_server}/verify")
    page.get_by_label("Verification code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check", exact=True).click()
    assert "Valid." in page.inner_text("main")
    assert "Lee Learner" not in page.inner_text("main")

    # Both files, checked on /verify; then the PDF with one byte changed.
    changed = tmp_path / "changed.pdf"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    for upload, verdict in ((path, "This is exactly the file we issued."),
                            (credential, "This credential is exactly as we signed it."),
                            (changed, "This is not a file we issued.")):
        page.goto(f"{live_server}/verify")
        page.get_by_label("The certificate's PDF or credential file").set_input_files(upload)
        page.get_by_role("button", name="Check the file").click()
        assert verdict in page.inner_text("main")
    assert console_errors == []


def _logged_in_client(app):
    """A client for the steps before the last one (browser tests keep CSRF protection on)."""
    client = CSRFClient(app.test_client())
    client.post("/login", data={"email": "learner@example.org",
                                "password": "correct horse battery"})
    return client
