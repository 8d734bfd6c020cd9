"""What browsers and CDNs may keep: shared pages revalidated by ETag, personal pages never."""
import re
import shutil

from lms.auth.models import Role
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import text_of

SHARED = ["/", "/courses/mini/introduction", "/courses/mini/modules/basics",
          "/courses/mini/lessons/second-lesson",
          "/courses/mini/modules/basics/quiz", "/courses/mini/glossary", "/courses/mini/resources",
          "/courses/mini/resources/checklist"]
PERSONAL = ["/my-learning", "/profile", "/my-certificates", "/courses/mini/lessons/second-lesson",
            "/"]


def test_a_visitors_page_has_an_etag_and_comes_back_as_304_when_unchanged(client, course):
    for url in SHARED:
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.headers["ETag"], url
        assert set(first.headers["Cache-Control"].replace(" ", "").split(",")) == {
            "public", "no-cache"}, url
        assert "Cookie" in first.headers["Vary"], url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, url
        assert again.get_data() == b""


def test_a_publish_changes_the_etag_of_a_changed_page(client, course, runner, tmp_path):
    before = client.get("/courses/mini/lessons/second-lesson").headers["ETag"]
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text(lesson.read_text().replace("title: Second lesson", "title: Renamed"))
    runner.invoke(args=["content", "import", str(folder)])
    response = client.get("/courses/mini/lessons/second-lesson", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert "Renamed" in text_of(response)


def test_signed_in_pages_are_never_stored(client, auth, learner, course):
    """A parent's progress, profile and certificates must not stay in a shared computer's
    cache or a proxy (security review F8)."""
    auth.login()
    for url in PERSONAL:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
        assert "ETag" not in response.headers, url


def test_forms_and_their_errors_are_never_stored(client, course):
    for url in ["/login", "/signup", "/reset"]:
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_a_message_for_one_visitor_is_shown_to_them_and_to_nobody_else(app, client, auth,
                                                                       learner, course):
    app.test_client().get("/")  # the shared home page is cached now
    auth.login()
    auth.logout()
    assert "You are logged out." in text_of(client.get("/"))
    assert "You are logged out." not in text_of(app.test_client().get("/"))
    assert "You are logged out." not in text_of(client.get("/"))  # shown once


def test_static_files_have_hashed_names_and_are_kept_for_a_year(client, course):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/style\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200
    assert b"body" in response.get_data()
    directives = set(response.headers["Cache-Control"].replace(" ", "").split(","))
    assert {"public", "max-age=31536000", "immutable"} <= directives
    assert client.get("/static/style.000000000000.css").status_code == 404
    plain = client.get("/static/style.css")
    assert plain.status_code == 200 and "no-cache" in plain.headers["Cache-Control"]


def test_admin_and_trainer_pages_are_never_stored(app, client, auth, course):
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    auth.login("admin@example.org")
    for url in ["/admin/certificates", "/manage/mini/", "/manage/mini/preview/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
