"""The issue's story: an admin makes an API key in the browser (CSRF on, as in production),
then reads completions with curl over real HTTP; a learner makes a token on their profile. Both
pages pass the accessibility checks every page does."""
import json
import shutil
import subprocess

import pytest

from lms.auth.models import Role
from tests.browser.accessibility import page_problems
from tests.browser.conftest import log_in, log_out, open_menu
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.reports.helpers import learners

pytestmark = pytest.mark.browser
CURL = shutil.which("curl") or "/usr/bin/curl"


def _curl(url: str, secret: str) -> dict:
    command = [CURL, "-sS", "--max-time", "20", "-H", f"Authorization: Bearer {secret}", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30,  # noqa: S603
                            check=True)  # our own server's URL and the key it made
    return json.loads(result.stdout)


def test_an_admin_makes_a_key_and_reads_completions_with_curl(app, course, live_server, page):
    finished = learners(app, 2)
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    log_in(page, live_server, "ada@example.org", PASSWORD)
    open_menu(page)  # a phone's header menu
    page.get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="API keys").click()
    page.get_by_label("Name of the new key").fill("our CRM")
    page.get_by_label("Read enrolments and completions").check()
    page.get_by_role("button", name="Make the key").click()
    secret = page.get_by_label("The secret").input_value()
    assert secret.startswith("lms_key_")
    assert page_problems(page, "the new key") == []

    body = _curl(f"{live_server}/api/v1/courses/mini/completions", secret)
    assert sorted(item["learner"]["id"] for item in body["items"]) == sorted(finished)
    assert body["next"] is None

    page.get_by_role("button", name="Revoke “our CRM”").click()
    assert "is revoked" in page.inner_text("main")
    assert _curl(f"{live_server}/api/v1/courses/mini/completions", secret)["status"] == 401
    log_out(page)


def test_a_learner_makes_a_token_on_their_profile(app, course, learner, live_server, page):
    log_in(page, live_server, "learner@example.org", PASSWORD)
    page.goto(f"{live_server}/profile")
    page.get_by_role("link", name="personal access token").click()
    page.get_by_label("Name of the new token").fill("my spreadsheet")
    page.get_by_role("button", name="Make the token").click()
    secret = page.get_by_label("The secret").input_value()
    assert page_problems(page, "the new token") == []
    assert _curl(f"{live_server}/api/v1/me/certificates", secret) == []
