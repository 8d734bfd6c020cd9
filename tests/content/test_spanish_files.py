"""Spanish files beside the English ones: read, checked, stored, exported and read back."""
import shutil

import pytest
from sqlalchemy import select

from lms.content.exporter import write_course
from lms.content.importer import import_course
from lms.content.loader import ContentProblems, load_course
from lms.content.mapping import published_course
from lms.content.translations import lesson_sha, needs_updating, quiz_sha
from lms.courses.models import Course, Translation
from lms.extensions import db
from tests.conftest import MINI_COURSE


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "course"
    shutil.copytree(MINI_COURSE, copy)
    return copy


def problems_of(folder) -> str:
    with pytest.raises(ContentProblems) as caught:
        load_course(folder)
    return str(caught.value)


def test_the_spanish_files_are_read_beside_the_english_ones():
    course = load_course(MINI_COURSE)
    lesson = course.modules[0].lessons[0]
    assert [lesson.slug for lesson in course.modules[0].lessons] == ["first-lesson",
                                                                     "second-lesson"]
    assert lesson.translations["es"]["title"] == "Primera lección"
    assert "## Fuentes" in lesson.translations["es"]["body_md"]
    assert course.modules[0].translations["es"]["title"] == "Lo básico"
    quiz = course.modules[0].quiz_translations["es"]
    assert [q["key"] for q in quiz["questions"]] == ["colour", "numbers"]
    assert quiz["questions"][0]["choices"] == ["Azul", "Verde"]
    assert course.glossary[0].translations["es"]["term"] == "Aislamiento"
    # Optional: a lesson without a Spanish file has no Spanish text.
    assert course.modules[0].lessons[1].translations == {}


@pytest.mark.parametrize("path, text, expected", [
    ("01-basics/03-nothing.es.md", "---\ntitle: Nada\n---\nTexto.\n",
     "01-basics/03-nothing.es.md:1: no English file 03-nothing.md beside it"),
    ("01-basics/01-first-lesson.es.md", "---\nminutes: 3\n---\nTexto.\n",
     "01-basics/01-first-lesson.es.md:2: unknown key 'minutes' in a Spanish file"),
    ("01-basics/01-first-lesson.es.md", "---\nsummary: x\n---\nTexto.\n",
     "01-basics/01-first-lesson.es.md:2: missing required field `title`"),
    ("01-basics/module.es.yaml", "summary: Sin título\n",
     "01-basics/module.es.yaml:1: missing required field `title`"),
    ("glossary.es.yaml", "terms:\n  - slug: restraint\n    term: Sujeción\n    definition: x\n",
     "glossary.es.yaml:2: unknown glossary slug 'restraint'"),
    ("01-basics/quiz.es.yaml",
     "questions:\n  - key: numbers\n    prompt: p\n    choices: [{text: a}, {text: b}, {text: c}]\n"
     "    explanation: e\n  - key: colour\n    prompt: p\n    choices: [{text: a}, {text: b}]\n"
     "    explanation: e\n",
     "question 1 is 'numbers' here but 'colour' in quiz.yaml: keep the English order"),
    ("01-basics/quiz.es.yaml",
     "questions:\n  - key: colour\n    prompt: p\n    choices: [{text: a}]\n    explanation: e\n"
     "  - key: numbers\n    prompt: p\n    choices: [{text: a}, {text: b}, {text: c}]\n"
     "    explanation: e\n",
     "question 'colour' has 1 choices here but 2 in quiz.yaml"),
    ("01-basics/quiz.es.yaml",
     "questions:\n  - key: colour\n    prompt: p\n    choices:\n      - text: a\n"
     "        correct: true\n      - text: b\n    explanation: e\n"
     "  - key: numbers\n    prompt: p\n    choices: [{text: a}, {text: b}, {text: c}]\n"
     "    explanation: e\n",
     "01-basics/quiz.es.yaml:6: `correct:` belongs in quiz.yaml only"),
    ("01-basics/quiz.es.yaml",
     "questions:\n  - key: colour\n    prompt: p\n    choices: [{text: a}, {text: b}]\n"
     "    explanation: e\n",
     "1 questions here but 2 in quiz.yaml"),
    ("01-basics/quiz.es.yaml",
     "questions:\n  - key: shape\n    prompt: p\n    choices: [{text: a}, {text: b}]\n"
     "    explanation: e\n",
     "unknown question key 'shape': quiz.yaml has no such question"),
    ("01-basics/quiz.es.yaml", "questions: 5\n",
     "01-basics/quiz.es.yaml:1: `questions` must be a list"),
    ("01-basics/quiz.es.yaml", "questions:\n  - key: colour\n    prompt: p\n    choices: [a, b]\n"
     "    explanation: e\n  - 7\n",
     "01-basics/quiz.es.yaml:4: expected a mapping of `key: value` lines"),
    ("glossary.es.yaml", "- just a list\n", "glossary.es.yaml:1: expected a mapping"),
    ("introduction.es.md", "no front matter\n",
     "introduction.es.md:1: must start with `---` front matter"),
    ("resources/02-extra.es.md", "---\ntitle: Otro\n---\nTexto.\n",
     "resources/02-extra.es.md:1: no English file 02-extra.md beside it"),
    ("course.es.yaml", "title: Curso\nsource_sha256: abc\n",
     "course.es.yaml:2: `source_sha256` must be 64 lowercase hex digits"),
])
def test_a_bad_spanish_file_is_a_clear_error_naming_it(folder, path, text, expected):
    (folder / path).write_text(text, encoding="utf-8")
    assert expected in problems_of(folder).replace(str(folder) + "/", "")


def test_export_writes_the_spanish_files_back_and_they_read_the_same(app, course, tmp_path):
    with app.app_context():
        published = published_course(db.session.get(Course, course))
        write_course(published, tmp_path / "out")
        lesson_file = tmp_path / "out" / "01-basics" / "01-first-lesson.es.md"
        text = lesson_file.read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: Primera lección\nsource_sha256: ")
        assert (tmp_path / "out" / "01-basics" / "quiz.es.yaml").is_file()
        assert "correct" not in (tmp_path / "out" / "01-basics" / "quiz.es.yaml").read_text()
        again = load_course(tmp_path / "out")
        first = again.modules[0].lessons[0]
        assert first.translations == published.modules[0].lessons[0].translations
        assert first.translations["es"]["source_sha256"] == lesson_sha(first)
        assert again.modules[0].quiz_translations == published.modules[0].quiz_translations
        assert again.glossary[0].translations == published.glossary[0].translations
        _, changes = import_course(again)
        assert "translations" not in changes.summary()


def test_the_importer_fills_the_english_hash_when_the_file_has_none(app, course):
    with app.app_context():
        rows = {(r.kind, r.slug): r for r in db.session.scalars(select(Translation))}
        assert set(rows) == {("lesson", "first-lesson"), ("module", "basics"),
                             ("quiz", "basics"), ("term", "seclusion"),
                             ("handout", "checklist")}
        data = published_course(db.session.get(Course, course))
        assert rows[("lesson", "first-lesson")].source_sha256 == lesson_sha(
            data.modules[0].lessons[0])
        assert rows[("quiz", "basics")].source_sha256 == quiz_sha(data.modules[0])
        assert needs_updating(data, "es") == []


def test_a_changed_english_file_beside_an_unchanged_spanish_one_needs_updating(app, course,
                                                                              folder):
    lesson = folder / "01-basics" / "01-first-lesson.md"
    lesson.write_text(lesson.read_text().replace("The first lesson.", "The first lesson, "
                                                 "corrected."), encoding="utf-8")
    with app.app_context():
        import_course(load_course(folder))
        db.session.commit()
        data = published_course(db.session.get(Course, course))
        assert [(i.kind, i.slug) for i in needs_updating(data, "es")] == [
            ("lesson", "first-lesson")]
        # The Spanish kept its text and its old hash.
        assert data.modules[0].lessons[0].translations["es"]["title"] == "Primera lección"

        # A translator then updates the Spanish file (no hash in it): it is up to date again.
        spanish = folder / "01-basics" / "01-first-lesson.es.md"
        spanish.write_text(spanish.read_text().replace("La primera lección.",
                                                       "La primera lección, corregida."))
        import_course(load_course(folder))
        db.session.commit()
        assert needs_updating(published_course(db.session.get(Course, course)), "es") == []


def test_a_removed_spanish_file_removes_its_translation(app, course, folder):
    (folder / "glossary.es.yaml").unlink()
    with app.app_context():
        _, changes = import_course(load_course(folder))
        assert changes["translations removed"] == 1
        data = published_course(db.session.get(Course, course))
        assert data.glossary[0].translations == {}
