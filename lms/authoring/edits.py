"""Pure changes to course data (no database): slugs, content of an entity, moves."""
from dataclasses import asdict
from datetime import date

from lms.content.schema import (
    LESSON_CONTENT,
    LESSON_CONTENT_DEFAULTS,
    REVIEW_DATES,
    CourseData,
    LessonData,
    ModuleData,
    QuestionData,
    from_iso,
)
from lms.slugs import slugify

MAX_PER_LIST = 99  # the modules/ format numbers files with two digits


def unique_slug(text: str, taken: set[str], fallback: str, max_length: int = 60) -> str:
    """A slug from text that no current or past entity has used (identity hangs on it)."""
    base = slugify(text, fallback, max_length)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def normalise_body(text: str) -> str:
    """Line endings and trailing space as the file loader leaves them, so export round-trips."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"


def lesson_content(lesson: LessonData) -> dict:
    return {name: _copy(getattr(lesson, name)) for name in LESSON_CONTENT}


def apply_lesson_content(lesson: LessonData, content: dict) -> None:
    for name in LESSON_CONTENT:
        setattr(lesson, name, _copy(content.get(name, LESSON_CONTENT_DEFAULTS.get(name))))
    lesson.body_md = normalise_body(lesson.body_md)
    apply_review_dates(lesson)  # issue 21


def _copy(value):
    # Review dates (issue 21) are "YYYY-MM-DD" in a revision's JSON; the lesson holds dates.
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, list) else value


def apply_review_dates(lesson) -> None:
    """Review dates (issue 21): content from JSON or a form holds text or dates; the lesson
    (or handout) holds dates."""
    for name in REVIEW_DATES:
        setattr(lesson, name, from_iso(getattr(lesson, name)))
    lesson.check_again_for = lesson.check_again_for or ""


def quiz_content(module: ModuleData) -> dict:
    return {"title": module.quiz_title or "Check what you learned",
            "questions": [asdict(q) for q in module.questions]}


def apply_quiz_content(module: ModuleData, content: dict) -> None:
    module.quiz_title = content["title"] if content["questions"] else None
    module.questions = [QuestionData(**q) for q in content["questions"]]


def course_content(data: CourseData) -> dict:
    return {"title": data.title, "summary": data.summary, "pass_mark": data.pass_mark}


def apply_course_content(data: CourseData, content: dict) -> None:
    data.title, data.summary = content["title"], content["summary"]
    data.pass_mark = content["pass_mark"]


def move(items: list, item, delta: int) -> bool:
    """Move item up (-1) or down (+1) in items; False when it is already at that end."""
    index = items.index(item)
    target = index + delta
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    return True


def all_lessons(data: CourseData) -> list[LessonData]:
    return [lesson for module in data.modules for lesson in module.lessons]
