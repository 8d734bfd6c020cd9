"""Logging out on a shared computer: the next person at that browser is not signed in."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import log_out
from tests.conftest import PASSWORD


def test_log_out_forgets_a_remembered_browser(course, learner, live_server, page):
    page.goto(live_server + "/login")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Remember me on this device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    assert any("remember" in c["name"] for c in page.context.cookies())

    log_out(page)
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    assert not any("remember" in c["name"] for c in page.context.cookies())

    # The next person opens the browser and goes to the parent's page.
    page.goto(live_server + "/my-learning")
    expect(page).to_have_url(re.compile(r"/login\?"))
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
