"""Write the course as modules/ files: the published one, or any CourseData (a draft)."""
from pathlib import Path

import yaml

from lms.content.mapping import published_course
from lms.content.schema import CourseData, ModuleData
from lms.courses.models import Course


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _markdown_file(front_matter: dict, body: str) -> str:
    return f"---\n{_dump(front_matter)}---\n{body.strip()}\n"


def _meeting_flag(item) -> dict:
    """Written only when set, so files that never mention it stay as they were."""
    return {"before_meeting": True} if item.before_meeting else {}


def export_course(course: Course, folder: Path) -> list[Path]:
    """Write every published file of the course under folder; returns the files written."""
    return write_course(published_course(course), folder)


def write_course(course: CourseData, folder: Path) -> list[Path]:
    """Write course data under folder in the modules/ format; returns the files written."""
    folder = Path(folder)
    files: dict[Path, str] = {}
    files[folder / "course.yaml"] = _dump({
        "slug": course.slug, "title": course.title, "summary": course.summary,
        "language": course.language, "edition": course.edition, "pass_mark": course.pass_mark,
        "organisation": course.organisation, "urgent_lesson": course.urgent_lesson or None,
        **({"edition_note": course.edition_note} if course.edition_note else {}),
    })
    if course.intro_md:
        files[folder / "introduction.md"] = _markdown_file({"title": course.intro_title},
                                                          course.intro_md)
    if course.glossary:
        files[folder / "glossary.yaml"] = _dump({"terms": [
            {"slug": t.slug, "term": t.term, "definition": t.definition_md}
            for t in course.glossary]})
    for r in course.resources:
        files[folder / "resources" / f"{r.position:02d}-{r.slug}.md"] = _markdown_file(
            {"title": r.title, "summary": r.summary, **_meeting_flag(r)}, r.body_md)
    for module in course.modules:
        _module_files(module, folder / f"{module.position:02d}-{module.slug}", files)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _module_files(module: ModuleData, folder: Path, files: dict[Path, str]) -> None:
    files[folder / "module.yaml"] = _dump({"title": module.title, "summary": module.summary})
    for lesson in module.lessons:
        meta = {"title": lesson.title, "minutes": lesson.minutes}
        if lesson.resources:
            meta["resources"] = list(lesson.resources)
        meta.update(_meeting_flag(lesson))
        files[folder / f"{lesson.position:02d}-{lesson.slug}.md"] = _markdown_file(
            meta, lesson.body_md)
    if module.questions:
        files[folder / "quiz.yaml"] = _dump({"title": module.quiz_title, "questions": [
            {"key": q.key, "prompt": q.prompt,
             "choices": [{"text": c["text"], **({"correct": True} if c.get("correct") else {})}
                         for c in q.choices],
             "explanation": q.explanation}
            for q in module.questions]})
