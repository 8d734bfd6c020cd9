"""Every page type, as each kind of person sees it, passes axe-core's WCAG 2.x A/AA rules and
fits a 320px phone and a 200%-zoomed laptop without sideways scrolling."""

import pytest

from lms.auth.models import Role
from lms.certificates import changes
from lms.certificates.rendering import render_and_store
from tests.browser.accessibility import page_problems
from tests.browser.conftest import open_menu
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import CSRFClient, latest_email, link_in
from tests.reports.helpers import learners

VISITOR_PAGES = [
    "/",
    "/courses/mini/introduction",
    "/courses/mini/modules/basics",
    "/courses/mini/lessons/first-lesson",
    "/courses/mini/lessons/act-now",
    "/courses/mini/modules/basics/quiz",
    "/courses/mini/lessons/first-lesson/complete",
    "/courses/mini/modules/basics/quiz/answer",
    "/courses/mini/glossary",
    "/courses/mini/resources",
    "/courses/mini/resources/checklist",
    "/login",
    "/signup",
    "/reset",
    "/accessibility",
    "/no-such-page",
]
LEARNER_PAGES = [
    "/",
    "/courses/mini/modules/basics",
    "/courses/mini/lessons/first-lesson",
    "/courses/mini/lessons/second-lesson",
    "/courses/mini/modules/basics/quiz",
    "/my-learning",
    "/profile",
    "/profile/delete",
    "/profile/about-you",
]
REPORT_PAGES = [
    "/manage/mini/reports/",
    "/manage/mini/reports/activity",
    "/manage/mini/reports/activity?by=week",
    "/manage/mini/reports/funnel",
    "/manage/mini/reports/quizzes",
    "/manage/mini/reports/completion",
    "/manage/mini/reports/funder",
    "/manage/mini/reports/funnel?from=2026-05-01&to=2026-04-01",  # the period's error message
]


def check(page, url, label):
    return page_problems(page, f"{label} {url}")


def visit_all(page, base, urls, label):
    problems = []
    for url in urls:
        page.goto(base + url)
        problems += check(page, url, label)
    return problems


def log_in(page, base, email="learner@example.org"):
    page.goto(base + "/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my-learning")


def test_visitor_pages(course, live_server, page):
    assert visit_all(page, live_server, VISITOR_PAGES, "visitor") == []


GUEST_PAGES = ["/", "/courses/mini/lessons/first-lesson", "/courses/mini/lessons/second-lesson",
               "/courses/mini/modules/basics/quiz",
               "/my-learning"]


def test_guest_pages(course, live_server, page):
    """A visitor whose progress is kept on this device: its own forms and notices."""
    page.goto(live_server + "/courses/mini/lessons/first-lesson/complete")
    page.get_by_role("button", name="Mark as complete on this device").click()
    page.wait_for_url("**/lessons/first-lesson")
    assert visit_all(page, live_server, GUEST_PAGES, "guest") == []


def test_forms_showing_their_errors(app, course, learner, live_server, page, celery_worker):
    problems = []
    for url, button in [
        ("/login", "Log in"),
        ("/signup", "Create account"),
        ("/reset", "Send the link"),
    ]:
        page.goto(live_server + url)
        page.get_by_role("button", name=button).click()
        assert page.locator(".error-summary").is_visible(), url
        problems += check(page, url, "errors")
    page.goto(live_server + "/reset")
    page.get_by_label("Email address").fill("learner@example.org")
    page.get_by_role("button", name="Send the link").click()
    problems += check(page, "/reset (sent)", "visitor")
    page.goto(live_server + link_in(latest_email(app), "/reset/"))
    problems += check(page, "/reset/<token>", "visitor")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_role("button", name="Save the new password").click()
    problems += check(page, "/reset/<token>", "errors")
    page.goto(live_server + "/signup")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_role("button", name="Create account").click()
    problems += check(page, "/signup (check your email)", "visitor")
    page.goto(live_server + link_in(latest_email(app, after=1), "/signup/"))
    problems += check(page, "/signup/<token>", "visitor")
    page.get_by_role("button", name="Create my account").click()
    problems += check(page, "/signup/<token>", "errors")
    assert problems == []


def test_learner_pages(app, course, learner, live_server, page):
    log_in(page, live_server)
    page.goto(live_server + "/courses/mini/lessons/first-lesson")
    page.get_by_role("button", name="Mark as complete").click()
    problems = visit_all(page, live_server, LEARNER_PAGES, "learner")

    page.goto(live_server + "/courses/mini/modules/basics/quiz")
    page.get_by_role("button", name="Submit my answers").click()  # nothing answered: errors
    problems += check(page, "/courses/mini/modules/basics/quiz", "quiz errors")
    page.get_by_label("Green").check()
    page.get_by_label("3").check()
    page.get_by_role("button", name="Submit my answers").click()
    problems += check(page, "/courses/mini/modules/basics/quiz", "quiz result")
    page.goto(live_server + "/profile")
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Save").click()
    problems += check(page, "/profile", "profile errors")
    assert problems == []


@pytest.mark.parametrize("path", ["/courses/mini/lessons/first-lesson", "/login"])
def test_focus_is_visible(course, live_server, page, path):
    page.goto(live_server + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement; const style = getComputedStyle(el);
        return {text: el.textContent.trim(), outline: style.outlineStyle,
                width: style.outlineWidth};
    }""")
    assert focused["text"] == "Skip to main content"
    assert focused["outline"] != "none" and focused["width"] != "0px"


@pytest.fixture
def issued(app, course, learner):
    """The learner finished the course; the certificate is rendered and ready."""
    client = CSRFClient(app.test_client())
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, client)
    certificate = certificates(app)[0]
    with app.app_context():
        render_and_store(certificate.id)
    return certificate


def test_certificate_and_verify_pages(app, issued, live_server, page):
    log_in(page, live_server)
    urls = [
        "/my-certificates",
        f"/certificates/{issued.id}",
        f"/certificates/{issued.id}/correction",
        "/my-learning",
        "/profile/delete",
    ]
    problems = visit_all(page, live_server, urls, "learner")
    page.goto(live_server + f"/certificates/{issued.id}/correction")
    page.get_by_role("button").last.click()  # sent empty: the form shows its errors
    problems += check(page, "/certificates/<id>/correction", "errors")
    open_menu(page)
    page.get_by_role("button", name="Log out").click()

    problems += visit_all(
        page,
        live_server,
        ["/verify", f"/verify/{issued.code}", "/verify/AAAA-BBBB-CCCC-DDDD"],
        "visitor",
    )
    page.goto(live_server + f"/verify/{issued.code}")
    page.get_by_role("button", name="Check the name").click()
    problems += check(page, "/verify/<code> (empty name)", "errors")
    page.get_by_label("Name").fill("Lee Learner")
    page.get_by_role("button", name="Check the name").click()
    problems += check(page, "/verify/<code> (name confirmed)", "visitor")
    assert problems == []


def test_admin_pages_and_revoked_and_superseded_verification(app, issued, live_server, page):
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    log_in(page, live_server, "admin@example.org")
    problems = visit_all(
        page, live_server, ["/admin/certificates", f"/admin/certificates/{issued.id}",
                            "/admin/people", "/admin/people?q=lee",
                            f"/admin/people/{issued.user_id}", "/manage/",
                            "/manage/mini/settings"], "admin"
    )
    page.goto(live_server + f"/admin/people/{issued.user_id}")
    page.get_by_role("button", name="Deactivate the account").click()
    problems += check(page, "/admin/people/<id> (deactivated)", "admin")
    page.goto(live_server + "/admin/audit")
    problems += check(page, "/admin/audit", "admin")
    page.goto(live_server + f"/admin/certificates/{issued.id}")
    page.get_by_role("button", name="Revoke").click()  # no reason: errors
    problems += check(page, "/admin/certificates/<id> (errors)", "admin")
    with app.app_context():
        successor = changes.reissue(None, issued.id, "Lee A. Learner")
        changes.revoke(None, successor.id, "Issued in error")
        successor_code = successor.code
    for url in [f"/verify/{issued.code}", f"/verify/{successor_code}"]:
        page.goto(live_server + url)
        problems += check(page, url, "visitor")
    assert problems == []


def test_report_pages(app, course, live_server, page):
    learners(app, 12)
    learners(app, 3, lessons=1, basics=[], next_steps=False, prefix="few")
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    log_in(page, live_server, "tess@example.org")
    assert visit_all(page, live_server, REPORT_PAGES, "trainer") == []


def test_about_you_with_its_errors(app, learner, live_server, page):
    log_in(page, live_server)
    page.goto(live_server + "/profile/about-you")
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Your state or territory").select_option("OR")
    page.get_by_role("button", name="Save my answers").click()
    problems = check(page, "/profile/about-you (saved)", "learner")
    page.evaluate("document.querySelector('#role-0').value = 'child'")
    page.get_by_label("Parent or caregiver").check()
    page.get_by_role("button", name="Save my answers").click()
    assert page.locator(".error-summary").is_visible()
    problems += check(page, "/profile/about-you (errors)", "learner")
    assert problems == []


def test_error_pages(app, course, learner, live_server, page):
    """403 (a learner on a trainer page), 404, 405, 429 and an expired form (400)."""
    problems = []
    log_in(page, live_server)
    for url, status in [("/manage/mini/", 403), ("/no-such-page", 404), ("/logout", 405)]:
        response = page.goto(live_server + url)
        assert response.status == status, url
        problems += check(page, url, f"error {status}")
    page.goto(live_server + "/profile")
    page.evaluate("document.querySelector('main input[name=csrf_token]').value = 'expired'")
    page.get_by_role("button", name="Save").click()
    assert "This form expired" in page.inner_text("main")
    problems += check(page, "/profile (expired form)", "error 400")
    open_menu(page)
    page.get_by_role("button", name="Log out").click()
    for _ in range(11):  # the reset limit is 10 a minute
        page.goto(live_server + "/reset")
        page.get_by_label("Email address").fill("x@example.org")
        with page.expect_response(live_server + "/reset") as answer:
            page.get_by_role("button", name="Send the link").click()
    assert answer.value.status == 429
    assert "Too many attempts" in page.inner_text("main")
    problems += check(page, "/reset (rate limited)", "error 429")
    assert problems == []


# Each header cell at least as wide as its longest word (in its own font), so no column is
# squeezed into one letter a line.
SQUEEZED_HEADERS = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll(".admin-table th")].filter(th => {
    const style = getComputedStyle(th);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const longest = Math.max(...th.innerText.split(/\\s+/).map(w => canvas.measureText(w).width));
    return th.getBoundingClientRect().width - padding + 1 < longest;
  }).map(th => th.innerText);
}"""


def test_admin_tables_on_a_phone_scroll_inside_their_box_with_whole_words(
        app, issued, live_server, page):
    """At 320 px the API keys' table squeezed its columns to one letter a line (a review of the
    new pages); now it keeps whole words and scrolls inside its own box, not the page."""
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    log_in(page, live_server, "admin@example.org")
    page.goto(live_server + "/admin/api-keys/")
    page.get_by_label("Name of the new key").fill("Our CRM, the one the fundraising team uses")
    page.get_by_label("Read enrolments and completions").check()
    page.get_by_role("button", name="Make the key").click()
    page.set_viewport_size({"width": 320, "height": 640})
    problems = []
    for url in ["/admin/api-keys/", "/admin/people", "/admin/certificates", "/admin/audit",
                "/admin/webhooks",
                "/admin/lti", "/profile/api-tokens/"]:
        page.goto(live_server + url)
        assert page.evaluate(SQUEEZED_HEADERS) == [], url
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
        problems += check(page, url, "admin at 320 px")
    assert problems == []
