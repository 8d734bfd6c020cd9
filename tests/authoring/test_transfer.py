"""Export the course as a zip, and import a zip with a summary before anything is applied."""
import io
import zipfile

from pypdf import PdfReader
from sqlalchemy import select

from lms.content.exporter import export_course
from lms.content.importer import import_course
from lms.content.loader import load_course
from lms.content.mapping import published_course
from lms.content.schema import course_to_dict
from lms.courses.models import Course, Lesson
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.conftest import MINI_COURSE
from tests.helpers import running_worker, text_of, wait_for


def exported(client) -> zipfile.ZipFile:
    response = client.get("/manage/mini/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "mini-edition-1.zip" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.data))


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def upload(client, raw: bytes):
    return client.post("/manage/mini/import", data={"archive": (io.BytesIO(raw), "course.zip")},
                       content_type="multipart/form-data")


def test_export_writes_the_published_course_in_the_modules_format(as_trainer):
    names = set(exported(as_trainer).namelist())
    assert {"modules/course.yaml", "modules/01-basics/01-first-lesson.md",
            "modules/01-basics/quiz.yaml", "modules/resources/01-checklist.md"} <= names


def test_an_exported_course_imports_back_with_no_changes(app, tmp_path, course):
    with app.app_context():
        export_course(db.session.get(Course, course), tmp_path / "out")
        _, changes = import_course(load_course(tmp_path / "out"))
        assert changes.summary() == "no changes"
        assert without_paths(published_course(db.session.get(Course, course))) == without_paths(
            load_course(tmp_path / "out"))


def without_paths(data) -> dict:
    """Course data as JSON, minus where each lesson's file was (the only field that differs)."""
    values = course_to_dict(data)
    for module in values["modules"]:
        for lesson in module["lessons"]:
            del lesson["path"]
    return values


def test_the_cli_export_still_works(runner, app, course, tmp_path):
    result = runner.invoke(args=["content", "export", str(tmp_path / "cli")])
    assert result.exit_code == 0 and (tmp_path / "cli" / "01-basics" / "quiz.yaml").is_file()


def test_import_shows_a_summary_then_applies(app, as_trainer):
    archive = exported(as_trainer)
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["modules/01-basics/02-second-lesson.md"] = files[
        "modules/01-basics/02-second-lesson.md"].replace("The second lesson.", "Imported text.")
    del files["modules/02-next-steps/02-later.md"]
    response = upload(as_trainer, zip_of(files))
    assert response.status_code == 200
    page = text_of(response)
    assert "1 lesson updated" in page and "1 lesson retired" in page
    assert "The second lesson." in text_of(as_trainer.get(
        "/courses/mini/lessons/second-lesson"))  # not yet

    token = response.get_data(as_text=True).split('name="token" value="')[1].split('"')[0]
    applied = as_trainer.post("/manage/mini/import/apply", data={"token": token},
                              follow_redirects=True)
    assert "Imported and published" in text_of(applied)
    # Each item the import changed, with a link to its diff (issue 23 item 3).
    assert "Second lesson (lesson, changed)" in text_of(applied)
    assert "Later (lesson, removed)" in text_of(applied)
    assert "Imported text." in text_of(as_trainer.get("/courses/mini/lessons/second-lesson"))
    with app.app_context():
        assert db.session.scalar(select(Lesson.retired).where(Lesson.slug == "later")) is True


def test_import_is_refused_while_a_draft_exists(as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Draft.")
    archive = exported(as_trainer)
    raw = zip_of({n: archive.read(n).decode() for n in archive.namelist()})
    page = text_of(upload(as_trainer, raw))
    assert "There is an unpublished draft" in page and "Apply and publish" not in page


def test_bad_zips_are_refused_with_reasons(as_trainer):
    response = upload(as_trainer, b"not a zip")
    assert response.status_code == 400 and "not a zip archive" in text_of(response)
    evil = zip_of({"modules/course.yaml": "x", "../../etc/cron.d/evil.md": "x",
                   "modules/run.sh": "rm -rf /"})
    page = text_of(upload(as_trainer, evil))
    assert "not a plain relative path" in page and "only .md and .yaml files" in page
    broken = {p.relative_to(MINI_COURSE).as_posix(): p.read_text()
              for p in MINI_COURSE.rglob("*") if p.is_file()}
    broken["01-basics/quiz.yaml"] = "questions: []\n"
    page = text_of(upload(as_trainer, zip_of(broken)))
    assert "01-basics/quiz.yaml:1: the quiz has no questions" in page
    assert "/tmp" not in page


def test_an_expired_import_token_asks_to_upload_again(as_trainer):
    response = as_trainer.post("/manage/mini/import/apply", data={"token": "../../secret_key"},
                               follow_redirects=True)
    assert "That import has expired" in text_of(response)


def test_an_imported_handout_gets_its_pdf_from_the_worker(app, as_trainer):
    archive = exported(as_trainer)
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["modules/resources/02-new-sheet.md"] = (
        "---\ntitle: A new sheet\nsummary: New.\nreviewed: 2026-12-01\n---\nHi\n")
    response = upload(as_trainer, zip_of(files))
    token = response.get_data(as_text=True).split('name="token" value="')[1].split('"')[0]
    with running_worker(app):
        as_trainer.post("/manage/mini/import/apply", data={"token": token})
        pdf = wait_for(lambda: (r := as_trainer.get(
            "/courses/mini/resources/new-sheet.pdf")).status_code
                       == 200 and r, timeout=30)
    text = " ".join(PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text().split())
    assert "A new sheet" in text
