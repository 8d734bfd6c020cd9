"""A trainer creates a course in the browser, adds a lesson and publishes it; admins decide who
finds it and who runs it; a trainer of another course cannot open it."""
import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lms.audit import AuditEvent
from lms.auth.models import Role
from lms.courses.models import Course, Visibility
from lms.extensions import db
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import text_of

NEW = {"title": "Advocacy basics", "slug": "advocacy-basics", "summary": "For advocates.",
       "audience": "Advocates and parent-centre staff"}


def log_in(client, email):
    client.post("/login", data={"email": email, "password": PASSWORD})


def publish(client, course):
    page = client.get(f"/manage/{course}/publish").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    return client.post(f"/manage/{course}/publish", data={"version": version},
                       follow_redirects=True)


@pytest.fixture
def tess(app, course):
    """A trainer of the mini course only."""
    with app.app_context():
        make_user("tess@example.org", "Tess Trainer", PASSWORD, Role.TRAINER, staff_of=[course])


def test_a_trainer_creates_a_course_adds_a_lesson_and_publishes_it(app, client, tess):
    log_in(client, "tess@example.org")
    created = client.post("/manage/new", data=NEW, follow_redirects=True)
    assert created.request.path == "/manage/advocacy-basics/"
    page = text_of(created)
    assert "is created as a draft: learners do not see it yet" in page
    assert "This course is not published yet: learners cannot see it." in page
    assert client.get("/courses/advocacy-basics/").status_code == 404
    assert "Advocacy basics" not in text_of(client.get("/"))
    nothing = client.get("/manage/advocacy-basics/publish", follow_redirects=True)
    assert "There are no unpublished changes." in text_of(nothing)

    client.post("/manage/advocacy-basics/modules/new", data={"title": "First steps"})
    client.post("/manage/advocacy-basics/modules/first-steps/lessons/new", data={
        "title": "Listening first", "minutes": 5, "reviewed": "2026-11-02",
        "body_md": "Listen before you advise.",
        "revision": "0", "action": "save"})
    assert "Published" in text_of(publish(client, "advocacy-basics"))

    home = text_of(client.get("/"))
    assert "Advocacy basics" in home and "Advocates and parent-centre staff" in home
    lesson = client.get("/courses/advocacy-basics/lessons/listening-first")
    assert "Listen before you advise." in text_of(lesson)
    assert "Advocacy basics" in text_of(client.get("/manage/"))
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "course created" in actions and "course published" in actions


def test_a_course_with_no_lesson_cannot_be_published(app, client, tess):
    log_in(client, "tess@example.org")
    client.post("/manage/new", data=NEW)
    client.post("/manage/advocacy-basics/modules/new", data={"title": "Empty"})
    response = publish(client, "advocacy-basics")
    assert "Add at least one lesson before publishing" in text_of(response)
    assert client.get("/courses/advocacy-basics/").status_code == 404


def test_another_trainer_cannot_open_a_new_course(app, client, tess, course):
    log_in(client, "tess@example.org")
    client.post("/manage/new", data=NEW)
    client.post("/logout")
    with app.app_context():
        make_user("other@example.org", "Other Trainer", PASSWORD, Role.TRAINER,
                  staff_of=[course])
    log_in(client, "other@example.org")
    assert client.get("/manage/advocacy-basics/").status_code == 403
    assert client.get("/manage/advocacy-basics/reports/").status_code == 403
    assert "Advocacy basics" not in text_of(client.get("/manage/"))


@pytest.mark.parametrize("slug, message", [
    ("new", "own addresses use. Choose another short name."),
    ("manage", "own addresses use. Choose another short name."),
    ("Advocacy Basics", "Use lowercase letters, digits and single hyphens"),
    ("advocacy--basics", "Use lowercase letters, digits and single hyphens"),
    ("mini", "already exists. Choose another short name."),
])
def test_a_slug_that_is_taken_reserved_or_malformed_is_refused(client, tess, slug, message):
    log_in(client, "tess@example.org")
    response = client.post("/manage/new", data={**NEW, "slug": slug})
    assert response.status_code == 400
    assert message in text_of(response)


def test_learners_and_visitors_cannot_create_courses(client, learner, course):
    assert client.post("/manage/new", data=NEW).status_code == 403
    log_in(client, "learner@example.org")
    assert client.post("/manage/new", data=NEW).status_code == 403


def test_an_admin_lists_unlists_archives_and_names_staff(app, client, tess, course):
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        make_user("ned@example.org", "Ned New", PASSWORD, Role.TRAINER, staff_of=[])
    log_in(client, "ada@example.org")
    client.post("/manage/mini/settings", data={"visibility": "unlisted"})
    assert "Mini Course" not in text_of(client.get("/"))
    assert client.get("/courses/mini/").status_code == 200  # by its link
    client.post("/manage/mini/settings", data={"visibility": "archived"})
    with app.app_context():
        assert db.session.get(Course, course).visibility is Visibility.ARCHIVED
    refused = client.post("/manage/mini/settings", data={"visibility": "everywhere"})
    assert refused.status_code == 400

    added = client.post("/manage/mini/settings/staff", data={"email": "ned@example.org"},
                        follow_redirects=True)
    assert "Ned New is now staff of this course." in text_of(added)
    unknown = client.post("/manage/mini/settings/staff", data={"email": "nobody@example.org"})
    assert unknown.status_code == 400
    assert "No account uses nobody@example.org" in text_of(unknown)
    client.post("/logout")
    log_in(client, "ned@example.org")
    assert client.get("/manage/mini/").status_code == 200
    assert client.get("/manage/mini/settings").status_code == 403  # admins only


def test_the_import_command_refuses_a_new_course_named_like_a_site_address(runner, course,
                                                                          tmp_path):
    folder = tmp_path / "manage"
    shutil.copytree(MINI_COURSE, folder)
    text = (folder / "course.yaml").read_text().replace("slug: mini", "slug: manage")
    (folder / "course.yaml").write_text(text)
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code != 0
    assert "manage: 'manage' is a word the site's own addresses use" in result.output


def test_a_course_imported_into_a_running_site_arrives_as_a_draft(app, runner, course,
                                                                   tmp_path):
    folder = tmp_path / "second"
    shutil.copytree(MINI_COURSE, folder)
    text = (folder / "course.yaml").read_text().replace("slug: mini", "slug: second")
    (folder / "course.yaml").write_text(text)
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "It is a draft: learners do not see it yet." in result.output
    assert "/manage/second/" in result.output
    with app.app_context():
        second = db.session.scalar(select(Course).where(Course.slug == "second"))
        assert second.visibility is Visibility.DRAFT


def zipped_course(tmp_path, slug: str) -> bytes:
    """The mini course's folder under another slug, zipped as a trainer would upload it."""
    folder = tmp_path / slug
    shutil.copytree(MINI_COURSE, folder)
    text = (folder / "course.yaml").read_text().replace("slug: mini", f"slug: {slug}")
    (folder / "course.yaml").write_text(text.replace('title: "Mini Course"', 'title: "Zipped"'))
    return Path(shutil.make_archive(str(tmp_path / slug), "zip", folder)).read_bytes()


def upload(client, raw: bytes):
    return client.post("/manage/new/from-zip", data={"archive": (io.BytesIO(raw), "course.zip")},
                       content_type="multipart/form-data", follow_redirects=True)


def test_a_trainer_creates_a_course_from_a_zip_previews_and_publishes_it(app, client, tess,
                                                                           tmp_path):
    log_in(client, "tess@example.org")
    created = upload(client, zipped_course(tmp_path, "zipped"))
    assert created.request.path == "/manage/zipped/"
    page = text_of(created)
    assert "“Zipped” is in, as a draft: learners do not see it yet." in page
    assert "Its text is in, and no one has changed it since: preview it, then publish it." in page
    assert "Nothing has been added yet" not in page
    assert client.get("/courses/zipped/").status_code == 404
    assert "Act now" in text_of(client.get("/manage/zipped/preview/lessons/act-now"))
    assert "Zipped" not in text_of(client.get("/"))

    published = client.post("/manage/zipped/publish-imported", follow_redirects=True)
    assert "Published: learners find “Zipped” in the catalogue." in text_of(published)
    assert "Zipped" in text_of(client.get("/"))
    assert "What to do" in text_of(client.get("/courses/zipped/lessons/act-now"))
    again = client.post("/manage/zipped/publish-imported", follow_redirects=True)
    assert "This course is already published." in text_of(again)
    with app.app_context():
        zipped = db.session.scalar(select(Course).where(Course.slug == "zipped"))
        assert zipped.visibility is Visibility.LISTED
        events = db.session.execute(select(AuditEvent.action, AuditEvent.detail)
                                    .where(AuditEvent.target == "course zipped")).all()
        assert [action for action, _ in events] == ["course created", "course published"]
        assert events[0].detail.startswith("from a zip")


@pytest.mark.parametrize("make, message", [
    (lambda tmp: zipped_course(tmp, "mini"), "already exists. Choose another short name."),
    (lambda tmp: zipped_course(tmp, "manage"), "own addresses use. Choose another short name."),
    (lambda tmp: b"PK\x03\x04 not really a zip", "this file is not a zip archive"),
])
def test_a_zip_that_cannot_become_a_new_course_is_refused_with_the_reason(
        app, client, tess, tmp_path, make, message):
    log_in(client, "tess@example.org")
    with app.app_context():
        before = db.session.scalar(select(func.count(Course.id)))
    response = upload(client, make(tmp_path))
    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(Course.id))) == before


def test_a_course_with_no_lesson_cannot_be_published_as_imported(app, client, tess):
    log_in(client, "tess@example.org")
    client.post("/manage/new", data=NEW)
    page = text_of(client.post("/manage/advocacy-basics/publish-imported", follow_redirects=True))
    assert "Add at least one lesson before publishing" in page
    assert client.get("/courses/advocacy-basics/").status_code == 404
