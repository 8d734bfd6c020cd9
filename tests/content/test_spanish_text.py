"""The Spanish course in modules/ (issue 15): a Spanish file beside every English one, plain
Spanish (Szigriszt-Pazos, the INFLESZ scale), the Sources kept, and links that resolve.

These check every Spanish file that exists, and that none is missing: they pass once the
translators' files are in modules/. The per-lesson readability figures are printed (and given in
the failure message) so they can be quoted.
"""
import html
import re
import statistics

import textstat
from markdown_it import MarkdownIt

from lms.config import PROJECT_ROOT
from lms.content.loader import load_course
from lms.content.translation_files import is_translation, spanish_path

COURSE_DIR = PROJECT_ROOT / "modules" / "restraint-and-seclusion"
MEDIAN_AT_LEAST = 65  # INFLESZ "bastante fácil" (fairly easy)
NONE_BELOW = 55  # INFLESZ "normal" starts at 55
URL = re.compile(r"https?://[^\s)>\]\"']+")
LINK_TARGET = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_markdown = MarkdownIt("commonmark").enable("table")


def _english_files() -> list:
    files = [COURSE_DIR / "course.yaml", COURSE_DIR / "introduction.md",
             COURSE_DIR / "glossary.yaml"]
    for folder in sorted(COURSE_DIR.glob("[0-9][0-9]-*")):
        files += [folder / "module.yaml", folder / "quiz.yaml"]
        files += [p for p in sorted(folder.glob("[0-9]*.md")) if not is_translation(p)]
    files += [p for p in sorted((COURSE_DIR / "resources").glob("[0-9]*.md"))
              if not is_translation(p)]
    return [path for path in files if path.is_file()]


ENGLISH_LESSONS = [p for p in sorted(COURSE_DIR.glob("[0-9][0-9]-*/[0-9]*.md"))
                   if not is_translation(p)]
SPANISH_LESSONS = [spanish_path(p) for p in ENGLISH_LESSONS if spanish_path(p).is_file()]


def _name(path) -> str:
    return str(path.relative_to(COURSE_DIR))


def _body(path) -> str:
    return path.read_text(encoding="utf-8").split("---", 2)[2]


def _section(body: str, heading: str) -> str | None:
    """The text under `## heading`, up to the next `## ` heading; None when there is none."""
    parts = re.split(rf"^## {heading}[ \t]*$", body, maxsplit=1, flags=re.M)
    return re.split(r"^## ", parts[1], maxsplit=1, flags=re.M)[0] if len(parts) == 2 else None


def reading_text(body_md: str) -> str:
    """The lesson's prose as a reader meets it: no `## Fuentes`, link targets removed, the
    Markdown rendered and its tags dropped (as the English reading-level test reads it)."""
    prose = re.split(r"^## Fuentes", body_md, maxsplit=1, flags=re.M)[0]
    prose = LINK_TARGET.sub(r"\1", prose)
    return html.unescape(re.sub(r"<[^>]+>", " ", _markdown.render(prose)))


def test_every_english_file_has_its_spanish_file():
    missing = [_name(spanish_path(p)) for p in _english_files() if not spanish_path(p).is_file()]
    assert missing == [], f"{len(missing)} Spanish files missing:\n" + "\n".join(missing)


def test_the_spanish_files_load_with_the_english_ones():
    course = load_course(COURSE_DIR)  # raises, naming every bad file, when one is wrong
    lessons = [lesson for module in course.modules for lesson in module.lessons]
    assert len([lesson for lesson in lessons if "es" in lesson.translations]) == len(
        SPANISH_LESSONS)


def test_spanish_lessons_read_fairly_easily(capsys):
    assert SPANISH_LESSONS, "no Spanish lessons in modules/ yet"
    textstat.set_lang("es")
    try:
        scores = {_name(p): textstat.szigriszt_pazos(reading_text(_body(p)))
                  for p in SPANISH_LESSONS}
    finally:
        textstat.set_lang("en_US")
    median = statistics.median(scores.values())
    report = "\n".join(f"  {score:5.1f}  {name}" for name, score in scores.items())
    report = (f"Szigriszt-Pazos per Spanish lesson:\n{report}\n"
              f"  median {median:.1f} over {len(scores)} lessons")
    with capsys.disabled():
        print("\n" + report)
    hard = {name: score for name, score in scores.items() if score < NONE_BELOW}
    assert hard == {}, report
    assert median >= MEDIAN_AT_LEAST, report


def test_every_spanish_lesson_keeps_the_sources_of_the_english_one():
    assert SPANISH_LESSONS, "no Spanish lessons in modules/ yet"
    problems = []
    for english in ENGLISH_LESSONS:
        spanish = spanish_path(english)
        if not spanish.is_file():
            continue
        fuentes = _section(_body(spanish), "Fuentes")
        sources = _section(_body(english), "Sources") or ""
        if fuentes is None:
            problems.append(f"{_name(spanish)}: no `## Fuentes` section")
        elif not re.search(r"^\s*[-*] ", fuentes, re.M):
            problems.append(f"{_name(spanish)}: empty Fuentes")
        elif sorted(URL.findall(fuentes)) != sorted(URL.findall(sources)):
            missing = set(URL.findall(sources)) - set(URL.findall(fuentes))
            extra = set(URL.findall(fuentes)) - set(URL.findall(sources))
            problems.append(f"{_name(spanish)}: Fuentes differ from Sources (missing "
                            f"{sorted(missing)}, not in English {sorted(extra)})")
    assert problems == [], "\n".join(problems)


def test_links_in_spanish_files_point_at_english_slugs_that_exist():
    course = load_course(COURSE_DIR)
    known = {
        "glossary#": {term.slug for term in course.glossary},
        "lessons/": {lesson.slug for module in course.modules for lesson in module.lessons},
        "resources/": {resource.slug for resource in course.resources},
    }
    broken = []
    for path in sorted(COURSE_DIR.rglob("*.es.*")):
        text = path.read_text(encoding="utf-8")
        for kind, slugs in known.items():
            for target in re.findall(rf"\(/{kind}([a-z0-9-]+)", text):
                if target not in slugs:
                    broken.append(f"{_name(path)}: /{kind}{target}")
    assert broken == [], "\n".join(broken)
