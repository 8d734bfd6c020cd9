"""The issue's story in a browser: an admin makes someone a trainer, who downloads each
report as CSV."""
import re
from datetime import date

from lms.auth.models import Role
from tests.browser.conftest import log_in, log_out
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.reports.helpers import learners

REPORTS = ["Enrolments, completions and certificates over time",
           "Where learners stop: the funnel", "Quiz item analysis",
           "Time to complete, and certificates", "Funder report (one printable page)"]


def test_admin_makes_a_trainer_who_downloads_every_report(app, course, live_server,
                                                          browser_page):
    page = browser_page
    learners(app, 10)
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        make_user("tess@example.org", "Tess Newcomer", PASSWORD)
    log_in(page, live_server, "ada@example.org", PASSWORD)
    page.get_by_role("link", name="Admin").click()
    page.get_by_label("Find by email or name").fill("tess")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Tess Newcomer").click()
    page.get_by_label("Role").select_option("trainer")
    page.get_by_role("button", name="Change the role").click()
    assert "The role is changed." in page.inner_text("main")
    page.get_by_role("link", name="Audit log").click()
    assert "role changed: learner to trainer" in page.inner_text("main")
    # A trainer runs particular courses: the admin names her staff of the mini course.
    page.goto(f"{live_server}/manage/")
    page.get_by_role("link", name="Visibility and staff").click()
    page.get_by_label("Email of a trainer to add").fill("tess@example.org")
    page.get_by_role("button", name="Add to staff").click()
    assert "Tess Newcomer is now staff of this course." in page.inner_text("main")
    log_out(page)

    log_in(page, live_server, "tess@example.org", PASSWORD)
    page.goto(f"{live_server}/manage/")
    page.get_by_role("link", name="Reports").click()
    for label in REPORTS:
        with page.expect_download() as download:
            page.get_by_role("link", name=f"CSV of {label}").click()
        data = download.value.path().read_bytes()
        assert data.startswith("\ufeff".encode()), label
        assert b"Named Parent" not in data and b"@example.org" not in data
    page.get_by_role("link", name=REPORTS[1], exact=True).click()
    assert "10 learners started the course" in page.inner_text("main")


def test_the_funder_report_of_a_quarter_prints_on_one_page(app, course, live_server,
                                                            browser_page):
    """A quarter's report fits one Letter page; the default year shows up to five quarters of
    breakdowns side by side (small-group privacy, docs/reports.md) and takes two."""
    learners(app, 12)
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    log_in(browser_page, live_server, "tess@example.org", PASSWORD)
    today = date.today()
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    browser_page.goto(f"{live_server}/manage/mini/reports/funder?from={first}&to={today}")
    browser_page.emulate_media(media="print")
    pdf = browser_page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
