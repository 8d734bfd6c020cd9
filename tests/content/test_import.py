"""`flask content import` and `export`: idempotent, progress-keeping, precise about bad files."""

import shutil

from sqlalchemy import func, select

from lms.courses.models import Lesson, Module
from lms.extensions import db
from lms.progress.models import LessonCompletion
from tests.conftest import MINI_COURSE
from tests.helpers import text_of


def copy_course(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(MINI_COURSE, folder)
    return folder


def test_import_then_import_again_changes_nothing(app, runner):
    first = runner.invoke(args=["content", "import"])
    assert first.exit_code == 0, first.output
    assert "4 lessons created" in first.output and "2 modules created" in first.output
    assert "1 course created," in first.output  # not "1 courses created"
    again = runner.invoke(args=["content", "import"])
    assert again.exit_code == 0
    assert "no changes" in again.output


def test_reimport_keeps_progress_and_lesson_identity_across_moves(
    app, runner, client, auth, learner, tmp_path
):
    folder = copy_course(tmp_path)
    runner.invoke(args=["content", "import", str(folder)])
    auth.login()
    client.post("/courses/mini/lessons/later/complete")
    before = lesson_id_of(app, "later")

    # Move "later" into the first module, rename it, and drop "second-lesson".
    (folder / "02-next-steps" / "02-later.md").rename(folder / "01-basics" / "03-later.md")
    text = (
        (folder / "01-basics" / "03-later.md")
        .read_text()
        .replace("title: Later", "title: Much later")
    )
    (folder / "01-basics" / "03-later.md").write_text(text)
    (folder / "01-basics" / "02-second-lesson.md").unlink()
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 lesson retired" in result.output

    assert lesson_id_of(app, "later") == before
    with app.app_context():
        assert db.session.scalar(select(func.count(LessonCompletion.id))) == 1
        assert db.session.scalar(select(Lesson.retired).where(Lesson.slug == "second-lesson"))
    page = text_of(client.get("/courses/mini/"))
    assert "Second lesson" not in page
    assert page.index("Much later") < page.index("Next steps")
    assert client.get("/courses/mini/lessons/second-lesson").status_code == 404
    # Three lessons and two quizzes remain; the completion of the moved lesson still counts.
    assert "1 of 5 done" in text_of(client.get("/my-learning"))


def lesson_id_of(app, slug):
    with app.app_context():
        return db.session.scalar(select(Lesson.id).where(Lesson.slug == slug))


def test_bad_files_are_reported_with_path_and_line_and_nothing_changes(app, runner, tmp_path):
    folder = copy_course(tmp_path)
    (folder / "01-basics" / "quiz.yaml").write_text(
        "questions:\n  - key: q1\n    prompt: Why?\n    choices:\n      - text: a\n"
        "      - text: b\n    explanation: Because.\n"
    )
    (folder / "02-next-steps" / "module.yaml").write_text("title: [unclosed\n")
    (folder / "01-basics" / "01-first-lesson.md").write_text(
        "---\ntitle: First\nminutes: lots\n---\nBody\n"
    )
    (folder / "01-basics" / "Bad Name.md").write_text("---\ntitle: x\n---\nx\n")
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code != 0
    out = result.output
    assert f"{folder}/01-basics/quiz.yaml:4: no choice is marked `correct: true`" in out
    assert f"{folder}/02-next-steps/module.yaml:2: invalid YAML" in out
    assert f"{folder}/01-basics/01-first-lesson.md:3: `minutes` must be a whole number" in out
    assert f"{folder}/01-basics/Bad Name.md:1: name must be NN-slug" in out
    assert "nothing was imported" in out
    with app.app_context():
        assert db.session.scalar(select(func.count(Module.id))) == 0


def test_missing_folder_or_course_file(runner, tmp_path):
    result = runner.invoke(args=["content", "import", str(tmp_path / "nope")])
    assert result.exit_code != 0 and "no such folder" in result.output
    result = runner.invoke(args=["content", "import", str(tmp_path)])
    assert result.exit_code != 0 and "course.yaml:1: course.yaml not found" in result.output


def test_unknown_handout_and_duplicate_slugs_are_caught(runner, tmp_path):
    folder = copy_course(tmp_path)
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text("---\ntitle: Second\nresources: [nope]\n---\nBody\n")
    (folder / "02-next-steps" / "03-first-lesson.md").write_text(
        "---\ntitle: Dup\nreviewed: 2026-12-01\n---\nBody\n")
    result = runner.invoke(args=["content", "import", str(folder)])
    assert f"{lesson}:3: unknown handout 'nope'" in result.output
    assert "lesson slug 'first-lesson' is also used by" in result.output


def test_export_round_trips(app, runner, tmp_path):
    runner.invoke(args=["content", "import"])
    out = tmp_path / "exported"
    result = runner.invoke(args=["content", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        (out / "01-basics" / "01-first-lesson.md")
        .read_text()
        .startswith("---\ntitle: First lesson")
    )
    again = runner.invoke(args=["content", "import", str(out)])
    assert again.exit_code == 0, again.output
    assert "no changes" in again.output


def test_if_empty_imports_only_into_an_empty_database(app, runner, tmp_path):
    folder = copy_course(tmp_path)
    assert (
        "4 lessons created"
        in runner.invoke(args=["content", "import", "--if-empty", str(folder)]).output
    )
    (folder / "01-basics" / "01-first-lesson.md").write_text(
        "---\ntitle: Changed\nreviewed: 2026-12-01\n---\nNew\n")
    result = runner.invoke(args=["content", "import", "--if-empty", str(folder)])
    assert result.exit_code == 0
    assert "already in the database; not importing" in result.output
    with app.app_context():
        assert (
            db.session.scalar(select(Lesson.title).where(Lesson.slug == "first-lesson"))
            == "First lesson"
        )


def test_export_without_a_course_says_so(runner, tmp_path):
    result = runner.invoke(args=["content", "export", str(tmp_path / "out")])
    assert result.exit_code != 0 and "no course in the database" in result.output


def test_removing_a_quiz_file_removes_the_quiz_step(app, runner, client, auth, learner, tmp_path):
    folder = copy_course(tmp_path)
    runner.invoke(args=["content", "import", str(folder)])
    (folder / "02-next-steps" / "quiz.yaml").unlink()
    runner.invoke(args=["content", "import", str(folder)])
    auth.login()
    page = text_of(client.get("/my-learning"))
    assert "0 of 5 done" in page and "Quiz: Next steps" not in page
    assert client.get("/courses/mini/modules/next-steps/quiz").status_code == 404
    assert "Take the quiz" not in text_of(client.get("/courses/mini/modules/next-steps"))


def test_a_handout_list_of_the_wrong_shape_is_reported_not_crashed(runner, tmp_path):
    folder = copy_course(tmp_path)
    lesson = folder / "01-basics" / "02-second-lesson.md"
    lesson.write_text("---\ntitle: Second\nresources: [[x]]\n---\nBody\n")
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code == 1
    assert f"{lesson}:3: unknown handout ['x']" in result.output
