"""The `before_meeting` front matter of lessons and handouts: read, checked, imported, exported,
and set by a trainer in the browser."""
import re
import shutil

import yaml
from sqlalchemy import select

from lms.auth.models import Role
from lms.content.loader import load_course
from lms.courses.models import Lesson, Resource
from lms.extensions import db
from tests.authoring.helpers import publish
from tests.conftest import MINI_COURSE, PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


def marked(app) -> tuple[set[str], set[str]]:
    with app.app_context():
        lessons = set(db.session.scalars(select(Lesson.slug).where(Lesson.before_meeting)))
        handouts = set(db.session.scalars(select(Resource.slug).where(Resource.before_meeting)))
        return lessons, handouts


def flags(folder) -> dict[str, bool]:
    course = load_course(folder)
    return {**{lesson.slug: lesson.before_meeting for m in course.modules for lesson in m.lessons},
            **{r.slug: r.before_meeting for r in course.resources}}


def meeting_box(response) -> str:
    return re.search(r'<input[^>]*name="before_meeting"[^>]*>',
                     response.get_data(as_text=True)).group(0)


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text().split("---")[1])


def test_the_loader_reads_the_field_and_defaults_to_false():
    assert flags(MINI_COURSE) == {"first-lesson": True, "second-lesson": False, "act-now": True,
                                  "later": False, "checklist": True}


def test_a_value_that_is_not_true_or_false_is_reported_with_its_line(runner, tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text("---\ntitle: Second\nbefore_meeting: sometimes\n---\nBody\n")
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code != 0
    assert f"{lesson}:3: `before_meeting` must be true or false" in result.output


def test_import_stores_it_and_export_writes_it_back_only_where_set(app, runner, tmp_path):
    runner.invoke(args=["content", "import"])
    assert marked(app) == ({"first-lesson", "act-now"}, {"checklist"})
    out = tmp_path / "exported"
    assert runner.invoke(args=["content", "export", str(out)]).exit_code == 0
    assert front_matter(out / "01-basics" / "01-first-lesson.md")["before_meeting"] is True
    assert "before_meeting" not in front_matter(out / "01-basics" / "02-second-lesson.md")
    assert front_matter(out / "resources" / "01-checklist.md")["before_meeting"] is True
    assert flags(out) == flags(MINI_COURSE)
    again = runner.invoke(args=["content", "import", str(out)])
    assert "no changes" in again.output


def test_a_trainer_ticks_the_box_on_a_lesson_and_a_handout_and_publishes(app, client, auth,
                                                                         course):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    auth.login("trainer@example.org")
    form = client.get("/manage/mini/lessons/second-lesson/edit")
    assert "Suggest this before a meeting with the school" in text_of(form)
    assert "checked" not in meeting_box(form) and "checked" in meeting_box(
        client.get("/manage/mini/lessons/first-lesson/edit"))
    assert "checked" in meeting_box(client.get("/manage/mini/handouts/checklist/edit"))
    saved = client.post("/manage/mini/lessons/second-lesson/edit", data={
        "title": "Second lesson", "minutes": 4, "reviewed": "2026-11-02",
        "body_md": "The second lesson.\n",
        "revision": "0", "before_meeting": "y", "action": "save"})
    assert saved.status_code == 302
    unticked = client.post("/manage/mini/handouts/checklist/edit", data={})
    assert unticked.status_code == 302
    assert "before a meeting" in text_of(client.get("/manage/mini/"))
    assert marked(app) == ({"first-lesson", "act-now"}, {"checklist"})  # the draft only
    publish(client)
    assert marked(app) == ({"first-lesson", "second-lesson", "act-now"}, set())


def test_an_unknown_handout_is_a_404(app, client, auth, course):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
    auth.login("trainer@example.org")
    assert client.get("/manage/mini/handouts/no-such-handout/edit").status_code == 404
