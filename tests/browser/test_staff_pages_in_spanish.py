"""The staff pages in Spanish pass axe-core's WCAG 2.x A/AA rules and fit a phone, as they do
in English (test_accessibility.py): longer Spanish words must not break a layout."""
from lms.auth.models import Role
from tests.browser.test_accessibility import REPORT_PAGES, log_in, visit_all
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import CSRFClient

MANAGE_PAGES = [
    "/manage/mini/",
    "/manage/mini/course",
    "/manage/mini/modules/new",
    "/manage/mini/modules/basics/edit",
    "/manage/mini/modules/basics/quiz",
    "/manage/mini/modules/basics/lessons/new",
    "/manage/mini/lessons/second-lesson/edit",
    "/manage/mini/lessons/second-lesson/place",
    "/manage/mini/lessons/second-lesson/retire",
    "/manage/mini/handouts/checklist/edit",
    "/manage/mini/history/lesson/second-lesson",
    "/manage/mini/images",
    "/manage/mini/import",
]


def in_spanish(page, base):
    """The language control's choice, as the `lang` cookie it sets (lms/i18n.py)."""
    page.context.add_cookies([{"name": "lang", "value": "es", "url": base}])


def test_manage_and_report_pages_in_spanish(app, course, learner, live_server, page):
    client = CSRFClient(app.test_client())
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, client)
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    log_in(page, live_server, "admin@example.org")
    in_spanish(page, live_server)
    page.goto(live_server + "/manage/mini/")
    assert page.get_by_role("heading", name="Gestionar el curso").is_visible()
    admin_pages = ["/admin/people", f"/admin/people/{learner}", "/admin/audit",
                   "/admin/certificates", f"/admin/certificates/{certificates(app)[0].id}"]
    problems = visit_all(page, live_server, MANAGE_PAGES + REPORT_PAGES + admin_pages, "es")
    assert problems == []
