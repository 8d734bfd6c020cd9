"""Every process serves the published course from one snapshot, and never a stale one."""
import gc
import shutil
import time
import weakref

from sqlalchemy import select

from lms.auth.models import Role
from lms.catalogue.published import published_snapshot
from lms.courses.models import Course
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import only_course_id, text_of


def changed_course(tmp_path, edit):
    """A copy of the mini course with edit(folder) applied."""
    folder = tmp_path / f"course-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(MINI_COURSE, folder)
    edit(folder)
    return folder


def replace_in(path, old, new):
    path.write_text(path.read_text().replace(old, new))


def test_a_publish_in_one_process_shows_in_another_at_its_next_request(
        app, another_app, runner, course, tmp_path):
    """Two web processes on one database: each has its own snapshot, and a publish made through
    one is what the other shows next (a new title, a retired lesson, a changed pass mark)."""
    another_app.config["PUBLISHED_CHECK_SECONDS"] = 0  # reads the version on every request
    here, there = app.test_client(), another_app.test_client()
    assert "Later" in text_of(there.get(
        "/courses/mini/lessons/later"))  # the other process caches it

    folder = changed_course(tmp_path, lambda f: (
        replace_in(f / "01-basics" / "02-second-lesson.md", "title: Second lesson",
                   "title: The second lesson, revised"),
        (f / "02-next-steps" / "02-later.md").unlink(),
        replace_in(f / "course.yaml", "pass_mark: 80", "pass_mark: 50")))
    assert runner.invoke(args=["content", "import", str(folder)]).exit_code == 0

    for client in (here, there):
        assert "The second lesson, revised" in text_of(client.get(
            "/courses/mini/lessons/second-lesson"))
        assert client.get("/courses/mini/lessons/later").status_code == 404
        assert "You pass with 50% or more" in text_of(client.get(
            "/courses/mini/modules/basics/quiz"))


def test_a_publish_shows_at_once_where_it_was_made_and_within_the_stated_time_elsewhere(
        app, another_app, runner, course, tmp_path):
    """At the default PUBLISHED_CHECK_SECONDS (1), a process answers which version is
    published from memory for up to a second: the publishing process shows the publish at its
    next request, the other within that second."""
    assert another_app.config["PUBLISHED_CHECK_SECONDS"] == 1
    here, there = app.test_client(), another_app.test_client()
    for client in (here, there):
        assert "Second lesson" in text_of(client.get("/courses/mini/lessons/second-lesson"))

    folder = changed_course(tmp_path, lambda f: replace_in(
        f / "01-basics" / "02-second-lesson.md", "title: Second lesson", "title: Revised"))
    assert runner.invoke(args=["content", "import", str(folder)]).exit_code == 0
    published = time.monotonic()

    assert "Revised" in text_of(here.get("/courses/mini/lessons/second-lesson"))
    while "Revised" not in text_of(there.get("/courses/mini/lessons/second-lesson")):
        assert time.monotonic() - published < 1.5, "not shown within the stated second"
        time.sleep(0.05)


def test_every_import_bumps_the_version_in_its_own_transaction(app, runner, course, tmp_path):
    def version():
        with app.app_context():
            return db.session.scalar(select(Course.content_version))

    before = version()
    runner.invoke(args=["content", "import"])  # same files: still a new version, same pages
    assert version() == before + 1


def test_a_trainer_preview_never_reaches_learners(app, client, auth, course):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    visitor = app.test_client()
    assert "Second lesson" in text_of(visitor.get("/courses/mini/lessons/second-lesson"))

    auth.login("trainer@example.org")
    edit_lesson(client, "second-lesson", 0, title="Draft title nobody may see yet")
    assert "Draft title nobody may see yet" in text_of(
        client.get("/manage/mini/preview/lessons/second-lesson"))

    for reader in (visitor, app.test_client()):
        page = text_of(reader.get("/courses/mini/lessons/second-lesson"))
        assert "Second lesson" in page and "Draft title" not in page
    with app.test_request_context():
        titles = [lesson.title for lesson in published_snapshot(only_course_id()).lessons]
    assert "Draft title nobody may see yet" not in titles


def test_a_process_keeps_one_snapshot_whatever_the_publishes(app, runner, course, tmp_path):
    client = app.test_client()
    client.get("/courses/mini/lessons/first-lesson")
    with app.test_request_context():
        old = weakref.ref(published_snapshot(only_course_id()))
    for n in range(3):
        folder = changed_course(tmp_path, lambda f, n=n: replace_in(
            f / "01-basics" / "01-first-lesson.md", "title: First lesson", f"title: First {n}"))
        runner.invoke(args=["content", "import", str(folder)])
        assert f"First {n}" in text_of(client.get("/courses/mini/lessons/first-lesson"))
    gc.collect()
    assert old() is None  # the replaced snapshot (and its cached pages) is gone
