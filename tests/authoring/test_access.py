"""Only trainers and admins reach authoring: every /manage route, walked with every role."""
import pytest
from sqlalchemy import func, select

from lms.auth.models import Role
from lms.authoring.models import CourseDraft, Revision
from lms.extensions import db
from tests.authoring.helpers import add_lesson
from tests.conftest import PASSWORD
from tests.factories import make_user

VALUES = {"course": "mini", "slug": "basics", "module_slug": "basics", "kind": "lesson",
          "number": 1, "user_id": 1, "version": 1,
          "name": "0" * 32 + ".png"}
LESSON_ROUTES = ("/manage/<course>/lessons/", "/manage/<course>/history/",
                 "/manage/<course>/preview/lessons/", "/manage/<course>/publish/changes/",
                 "/manage/<course>/published/")


def manage_urls(app) -> list[tuple[str, str]]:
    """(method, url) for every rule under /manage, with values that exist in the mini course."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/manage/<course>"):
            continue
        values = {name: VALUES[name] for name in rule.arguments}
        if rule.rule.startswith(LESSON_ROUTES) and "slug" in values:
            values["slug"] = "first-lesson"
        if rule.rule.startswith("/manage/<course>/handouts/"):
            values["slug"] = "checklist"
        with app.test_request_context():
            url = app.url_for(rule.endpoint, **values)
        found += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def test_the_walk_covers_every_authoring_route(app):
    urls = manage_urls(app)
    assert len(urls) >= 40
    assert ("POST", "/manage/mini/publish") in urls and ("GET", "/manage/mini/export.zip") in urls


@pytest.mark.parametrize("role", [None, Role.LEARNER])
def test_visitors_and_learners_get_403_everywhere_and_change_nothing(app, client, auth, course,
                                                                     role):
    if role:
        with app.app_context():
            make_user("someone@example.org", "Some One", PASSWORD, role)
        auth.login("someone@example.org")
    for method, url in manage_urls(app):
        response = client.open(url, method=method, data={
            "title": "Hacked", "minutes": 3, "reviewed": "2026-11-02",
            "body_md": "x", "revision": "0", "version": "1"})
        assert response.status_code == 403, (method, url)
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 0
        assert db.session.scalar(select(func.count(Revision.id))) == 0


def test_a_visitor_is_offered_a_log_in_link(client, course):
    response = client.get("/manage/mini/")
    assert response.status_code == 403
    assert 'href="/login?next=/manage/mini/"' in response.get_data(as_text=True)


ADMIN_ONLY = ("/manage/mini/settings",)  # a course's visibility and staff
NOT_PUBLISHED_YET = "/manage/mini/published/"  # what a publish changed: none was made here


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMIN])
def test_trainers_and_admins_open_every_page(app, client, auth, course, role):
    with app.app_context():
        make_user("staff@example.org", "Staff", PASSWORD, role)
    auth.login("staff@example.org")
    add_lesson(client)  # so the lesson history exists
    client.post("/manage/mini/lessons/first-lesson/edit", data={
        "title": "First lesson", "minutes": 3, "reviewed": "2026-11-02",
        "body_md": "Edited.", "revision": "0"})
    for method, url in manage_urls(app):
        if method != "GET":
            continue
        response = client.get(url)
        if url in ADMIN_ONLY and role is Role.TRAINER:
            assert response.status_code == 403, url
            continue
        if url.startswith(NOT_PUBLISHED_YET):
            assert response.status_code == 404, url
            continue
        assert response.status_code in (200, 302), (url, response.status_code)


def test_the_manage_link_shows_only_for_trainers(client, auth, course, learner, trainer):
    assert "Manage course" not in client.get("/").get_data(as_text=True)
    auth.login()
    assert "Manage course" not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("trainer@example.org")
    assert "Manage course" in client.get("/").get_data(as_text=True)
