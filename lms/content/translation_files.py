"""Read the Spanish files beside the English ones (`.es` before the extension; docs/CONTENT.md).

A Spanish file repeats only what is text: numbers, flags, order and correctness come from the
English file. Each is optional; each is checked as strictly as its English file, and every
problem names the file and line.
"""
import re
from pathlib import Path

from lms.content.schema import (
    MAX_CHOICE,
    MAX_EXPLANATION,
    MAX_PROMPT,
    MAX_SUMMARY,
    CourseData,
    Fields,
    ModuleData,
)
from lms.content.yamlfile import ContentError, shown

SHA256 = re.compile(r"^[0-9a-f]{64}$")
SUFFIXES = {".md", ".yaml"}
LANGUAGE_TAG = re.compile(r"\.[a-z]{2}")


def spanish_path(path: Path, language: str = "es") -> Path:
    """course.yaml -> course.es.yaml; 01-lesson.md -> 01-lesson.es.md."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def is_translation(path: Path) -> bool:
    """A translation file (name.xx.md / name.xx.yaml), never read as an English one."""
    return path.suffix in SUFFIXES and LANGUAGE_TAG.fullmatch(Path(path.stem).suffix) is not None


def load_translations(folder: Path, course: CourseData, problems: list, read_yaml,
                      front_matter, language: str = "es") -> None:
    """Fill course's translations from the Spanish files under folder (loader.load_course)."""
    reader = _Reader(problems, read_yaml, front_matter)
    known: set[Path] = set()

    def find(english: Path) -> Path | None:
        path = spanish_path(english, language)
        known.add(path)
        return path if path.is_file() else None

    if path := find(folder / "course.yaml"):
        f = reader.yaml(path, {"title", "summary", "edition_note"})
        course.translations[language] = {
            "title": f.text("title"), "summary": f.text("summary", required=False,
                                                        max_length=MAX_SUMMARY),
            "edition_note": f.text("edition_note", required=False, max_length=2000),
            "source_sha256": reader.sha(f)}
    if path := find(folder / "introduction.md"):
        meta, body = reader.markdown(path, {"title"})
        course.intro_translations[language] = {"title": meta.text("title"), "body_md": body,
                                               "source_sha256": reader.sha(meta)}
    if path := find(folder / "glossary.yaml"):
        _glossary(path, course, reader, language)
    for resource in course.resources:
        if path := find(folder / "resources" / f"{resource.position:02d}-{resource.slug}.md"):
            meta, body = reader.markdown(path, {"title", "summary"})
            resource.translations[language] = {
                "title": meta.text("title"),
                "summary": meta.text("summary", required=False, max_length=500),
                "body_md": body, "source_sha256": reader.sha(meta)}
    for module in course.modules:
        module_dir = folder / f"{module.position:02d}-{module.slug}"
        if path := find(module_dir / "module.yaml"):
            f = reader.yaml(path, {"title", "summary"})
            module.translations[language] = {
                "title": f.text("title"),
                "summary": f.text("summary", required=False, max_length=MAX_SUMMARY),
                "source_sha256": reader.sha(f)}
        for lesson in module.lessons:
            if path := find(lesson.path):
                meta, body = reader.markdown(path, {"title"})
                if not body.strip():
                    problems.append(ContentError(path, 1, "the lesson has no text"))
                lesson.translations[language] = {"title": meta.text("title"), "body_md": body,
                                                 "source_sha256": reader.sha(meta)}
        if path := find(module_dir / "quiz.yaml"):
            _quiz(path, module, reader, language)
    _strays(folder, known, problems, language)


class _Reader:
    def __init__(self, problems, read_yaml, front_matter):
        self.problems, self.read_yaml, self.front_matter = problems, read_yaml, front_matter

    def yaml(self, path: Path, allowed: set[str]) -> Fields:
        f = Fields(self.read_yaml(path, self.problems), path, self.problems)
        self.only(f, allowed)
        return f

    def markdown(self, path: Path, allowed: set[str]) -> tuple[Fields, str]:
        meta, body = self.front_matter(path, self.problems)
        self.only(meta, allowed)
        return meta, body

    @staticmethod
    def only(f: Fields, allowed: set[str]) -> None:
        for key in f.data:
            if key not in allowed | {"source_sha256"}:
                f.problem(key, f"unknown key {shown(key)} in a Spanish file (it holds only "
                               f"{', '.join(sorted(allowed))}; the rest comes from English)")

    @staticmethod
    def sha(f: Fields) -> str | None:
        value = f.data.get("source_sha256")
        if value is None:
            return None
        if not isinstance(value, str) or not SHA256.match(value):
            f.problem("source_sha256", "`source_sha256` must be 64 lowercase hex digits")
            return None
        return value


def _glossary(path: Path, course: CourseData, reader: _Reader, language: str) -> None:
    f = reader.yaml(path, {"terms"})
    terms = {term.slug: term for term in course.glossary}
    seen = set()
    for raw in f.items("terms"):
        t = Fields(raw, path, reader.problems, line=f.line_of("terms"))
        reader.only(t, {"slug", "term", "definition"})
        slug = t.slug("slug")
        if slug and slug not in terms:
            t.problem("slug", f"unknown glossary slug {shown(slug)}: glossary.yaml has no such "
                              "term (Spanish terms use the English slugs)")
            continue
        if slug in seen:
            t.problem("slug", f"glossary slug {shown(slug)} is used twice")
        seen.add(slug)
        text = {"term": t.text("term", max_length=120),
                "definition_md": t.text("definition", max_length=2000),
                "source_sha256": reader.sha(t)}
        if slug:
            terms[slug].translations[language] = text


def _quiz(path: Path, module: ModuleData, reader: _Reader, language: str) -> None:
    f = reader.yaml(path, {"title", "questions"})
    raw_questions = f.items("questions")
    keys = [q.key for q in module.questions]
    questions = []
    for index, raw in enumerate(raw_questions):
        q = Fields(raw, path, reader.problems, line=f.line_of("questions"))
        reader.only(q, {"key", "prompt", "choices", "explanation"})
        key = q.slug("key")
        english = module.questions[index] if index < len(module.questions) else None
        if key and key not in keys:
            q.problem("key", f"unknown question key {shown(key)}: quiz.yaml has no such "
                             "question")
        elif english is not None and key and key != english.key:
            q.problem("key", f"question {index + 1} is {shown(key)} here but "
                             f"{shown(english.key)} in quiz.yaml: keep the English order")
        choices = []
        for raw_choice in q.items("choices"):
            c = Fields(raw_choice, path, reader.problems, line=q.line_of("choices"))
            if "correct" in c.data:
                c.problem("correct", "`correct:` belongs in quiz.yaml only (the Spanish choices "
                                     "take it from the English ones, in the same order)")
            reader.only(c, {"text", "correct"})
            choices.append(c.text("text", max_length=MAX_CHOICE))
        if english is not None and key == english.key and len(choices) != len(english.choices):
            q.problem("choices", f"question {shown(key)} has {len(choices)} choices here but "
                                 f"{len(english.choices)} in quiz.yaml")
        questions.append({"key": key, "prompt": q.text("prompt", max_length=MAX_PROMPT),
                          "choices": choices,
                          "explanation": q.text("explanation", max_length=MAX_EXPLANATION)})
    if len(raw_questions) != len(module.questions):
        f.problem("questions", f"{len(raw_questions)} questions here but "
                               f"{len(module.questions)} in quiz.yaml")
    module.quiz_translations[language] = {
        "title": f.text("title", required=False) or None, "questions": questions,
        "source_sha256": reader.sha(f)}


def _strays(folder: Path, known: set[Path], problems: list, language: str) -> None:
    """A Spanish file with no English file beside it (a renamed or misspelt slug)."""
    for path in sorted(folder.rglob(f"*.{language}.*")):
        if path.suffix in SUFFIXES and path not in known:
            problems.append(ContentError(path, 1, f"no English file {spanish_english(path).name} "
                                                  "beside it (a Spanish file keeps the English "
                                                  "slug and number)"))


def spanish_english(path: Path) -> Path:
    return path.with_name(Path(path.stem).stem + path.suffix)

