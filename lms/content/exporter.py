"""Write the course from the database back to the modules/ file format."""
from pathlib import Path

import yaml
from sqlalchemy import select

from lms.courses.models import Course, GlossaryTerm, Module, Resource
from lms.extensions import db


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _markdown_file(front_matter: dict, body: str) -> str:
    return f"---\n{_dump(front_matter)}---\n{body.strip()}\n"


def export_course(course: Course, folder: Path) -> list[Path]:
    """Write every published file of the course under folder; returns the files written."""
    folder = Path(folder)
    files: dict[Path, str] = {}
    files[folder / "course.yaml"] = _dump({
        "slug": course.slug, "title": course.title, "summary": course.summary,
        "language": course.language, "edition": course.edition, "pass_mark": course.pass_mark,
        "organisation": course.organisation, "urgent_lesson": course.urgent_lesson_slug or None,
    })
    if course.intro_md:
        files[folder / "introduction.md"] = _markdown_file({"title": course.intro_title},
                                                          course.intro_md)
    terms = db.session.scalars(select(GlossaryTerm).where(GlossaryTerm.course_id == course.id)
                               .order_by(GlossaryTerm.id)).all()
    if terms:
        files[folder / "glossary.yaml"] = _dump({"terms": [
            {"slug": t.slug, "term": t.term, "definition": t.definition_md} for t in terms]})
    for r in db.session.scalars(select(Resource).where(Resource.course_id == course.id)):
        files[folder / "resources" / f"{r.position:02d}-{r.slug}.md"] = _markdown_file(
            {"title": r.title, "summary": r.summary}, r.body_md)
    modules = db.session.scalars(select(Module).where(
        Module.course_id == course.id, Module.retired.is_(False)).order_by(Module.position))
    for module in modules:
        _module_files(module, folder / f"{module.position:02d}-{module.slug}", files)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _module_files(module: Module, folder: Path, files: dict[Path, str]) -> None:
    files[folder / "module.yaml"] = _dump({"title": module.title, "summary": module.summary})
    for lesson in module.lessons:
        if lesson.retired:
            continue
        meta = {"title": lesson.title, "minutes": lesson.minutes}
        if lesson.resource_slugs:
            meta["resources"] = list(lesson.resource_slugs)
        files[folder / f"{lesson.position:02d}-{lesson.slug}.md"] = _markdown_file(
            meta, lesson.body_md)
    if module.quiz is not None:
        files[folder / "quiz.yaml"] = _dump({"title": module.quiz.title, "questions": [
            {"key": q.key, "prompt": q.prompt,
             "choices": [{"text": c["text"], **({"correct": True} if c.get("correct") else {})}
                         for c in q.choices],
             "explanation": q.explanation}
            for q in module.quiz.questions if not q.retired]})
