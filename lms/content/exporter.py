"""Write the course as modules/ files: the published one, or any CourseData (a draft)."""
from pathlib import Path

import yaml

from lms.content.mapping import published_course
from lms.content.schema import CourseData, ModuleData
from lms.content.translation_files import spanish_path
from lms.courses.models import Course


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _markdown_file(front_matter: dict, body: str) -> str:
    return f"---\n{_dump(front_matter)}---\n{body.strip()}\n"


def _meeting_flag(item) -> dict:
    """Written only when set, so files that never mention it stay as they were."""
    return {"before_meeting": True} if item.before_meeting else {}


def _review(item) -> dict:
    """`reviewed` always when known; the check again fields only when set."""
    meta = {"reviewed": item.reviewed} if item.reviewed else {}
    if item.check_again_by:
        meta["check_again_by"] = item.check_again_by
    if item.check_again_for:
        meta["check_again_for"] = item.check_again_for
    return meta


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
        "audience": course.audience or None,
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
            {"title": r.title, "summary": r.summary, **_meeting_flag(r), **_review(r)}, r.body_md)
    for module in course.modules:
        _module_files(module, folder / f"{module.position:02d}-{module.slug}", files)
    _translation_files(course, folder, files)
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
        meta.update(_review(lesson))
        files[folder / f"{lesson.position:02d}-{lesson.slug}.md"] = _markdown_file(
            meta, lesson.body_md)
    if module.questions:
        files[folder / "quiz.yaml"] = _dump({
            "title": module.quiz_title,
            **({"ask": module.quiz_ask} if module.quiz_ask else {}),
            "questions": [
                {"key": q.key, "prompt": q.prompt,
                 "choices": [{"text": c["text"], **({"correct": True} if c.get("correct") else {})}
                             for c in q.choices],
                 "explanation": q.explanation, **({"lesson": q.lesson} if q.lesson else {})}
                for q in module.questions]})


def _sha(text: dict) -> dict:
    return {"source_sha256": text["source_sha256"]} if text.get("source_sha256") else {}


def _translation_files(course: CourseData, folder: Path, files: dict[Path, str]) -> None:
    """Each translation beside its English file (name.es.md), with the hash of the English
    text it was written from, so importing the export keeps what needs updating."""
    for language, t in course.translations.items():
        files[spanish_path(folder / "course.yaml", language)] = _dump({
            "title": t["title"], "summary": t.get("summary", ""),
            **({"edition_note": t["edition_note"]} if t.get("edition_note") else {}), **_sha(t)})
    for language, t in course.intro_translations.items():
        files[spanish_path(folder / "introduction.md", language)] = _markdown_file(
            {"title": t["title"], **_sha(t)}, t["body_md"])
    for language in {lang for term in course.glossary for lang in term.translations}:
        files[spanish_path(folder / "glossary.yaml", language)] = _dump({"terms": [
            {"slug": term.slug, "term": t["term"], "definition": t["definition_md"], **_sha(t)}
            for term in course.glossary if (t := term.translations.get(language))]})
    for r in course.resources:
        for language, t in r.translations.items():
            path = folder / "resources" / f"{r.position:02d}-{r.slug}.md"
            files[spanish_path(path, language)] = _markdown_file(
                {"title": t["title"], "summary": t.get("summary", ""), **_sha(t)}, t["body_md"])
    for module in course.modules:
        module_dir = folder / f"{module.position:02d}-{module.slug}"
        for language, t in module.translations.items():
            files[spanish_path(module_dir / "module.yaml", language)] = _dump(
                {"title": t["title"], "summary": t.get("summary", ""), **_sha(t)})
        for lesson in module.lessons:
            for language, t in lesson.translations.items():
                path = module_dir / f"{lesson.position:02d}-{lesson.slug}.md"
                files[spanish_path(path, language)] = _markdown_file(
                    {"title": t["title"], **_sha(t)}, t["body_md"])
        if module.questions:
            for language, t in module.quiz_translations.items():
                files[spanish_path(module_dir / "quiz.yaml", language)] = _dump({
                    **({"title": t["title"]} if t.get("title") else {}),
                    "questions": [{"key": q["key"], "prompt": q["prompt"],
                                   "choices": [{"text": c} for c in q["choices"]],
                                   "explanation": q["explanation"]} for q in t["questions"]],
                    **_sha(t)})
