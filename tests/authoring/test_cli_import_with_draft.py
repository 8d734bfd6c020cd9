"""`flask content import` never silently undoes, or is undone by, a trainer's browser draft."""
from sqlalchemy import func, select

from lms.authoring.models import CourseDraft
from lms.courses.models import Lesson
from lms.extensions import db
from tests.authoring.helpers import add_lesson
from tests.conftest import MINI_COURSE


def test_import_refuses_while_a_draft_exists(app, runner, as_trainer):
    add_lesson(as_trainer)
    result = runner.invoke(args=["content", "import", str(MINI_COURSE)])
    assert result.exit_code != 0
    assert "unpublished changes in the browser" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 1


def test_import_can_discard_the_draft_explicitly(app, runner, as_trainer, tmp_path):
    add_lesson(as_trainer)
    result = runner.invoke(args=["content", "import", "--discard-draft", str(MINI_COURSE)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 0
        assert db.session.scalar(select(Lesson).where(Lesson.slug == "keeping-records")) is None


def test_a_bad_folder_keeps_the_draft(app, runner, as_trainer, tmp_path):
    add_lesson(as_trainer)
    (tmp_path / "course.yaml").write_text("slug: [\n")
    result = runner.invoke(args=["content", "import", "--discard-draft", str(tmp_path)])
    assert result.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count(CourseDraft.id))) == 1
