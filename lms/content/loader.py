"""Read and check a course folder (the modules/ format) without touching the database."""
from pathlib import Path

from lms.content.schema import (
    MAX_BODY,
    MAX_CHOICE,
    MAX_EXPLANATION,
    MAX_PROMPT,
    MAX_SUMMARY,
    MINUTES,
    NUMBERED,
    POOL_FACTOR,
    CourseData,
    Fields,
    LessonData,
    ModuleData,
    QuestionData,
    ResourceData,
    TermData,
    pool_too_small,
)
from lms.content.translation_files import is_translation, load_translations
from lms.content.yamlfile import ContentError, parse_yaml, shown

# Every lesson and handout says when its facts were last checked (docs/CONTENT.md).
REVIEWED_HELP = ": the date its facts were last checked"


class ContentProblems(Exception):
    """Every problem found in a course folder; nothing is imported when there is one."""

    def __init__(self, problems: list[ContentError]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_course(folder: Path) -> CourseData:
    """Parse and validate the whole folder; raise ContentProblems listing every problem."""
    folder = Path(folder)
    problems: list[ContentError] = []
    course_file = folder / "course.yaml"
    if not course_file.is_file():
        raise ContentProblems([ContentError(course_file, 1, "course.yaml not found")])
    course = _course(_read_yaml(course_file, problems), course_file, problems)
    intro = folder / "introduction.md"
    if intro.is_file():
        meta, course.intro_md = _front_matter(intro, problems)
        course.intro_title = meta.text("title", default="About this course")
    resources_dir = folder / "resources"
    if resources_dir.is_dir():
        course.resources = _resources(resources_dir, problems)
    glossary = folder / "glossary.yaml"
    if glossary.is_file():
        course.glossary = _glossary(glossary, problems)
    lesson_refs: list[tuple[ContentError, str]] = []
    for module_dir in sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "resources"):
        module = _module(module_dir, {r.slug for r in course.resources}, problems, lesson_refs)
        if module:
            course.modules.append(module)
    load_translations(folder, course, problems, _read_yaml, _front_matter)
    _check_course(course, course_file, problems)
    lessons = {lesson.slug for module in course.modules for lesson in module.lessons}
    problems += [where for where, slug in lesson_refs if slug not in lessons]
    if problems:
        raise ContentProblems(problems)
    return course


def _english(paths) -> list[Path]:
    """The English files: a translation (name.es.md) is read beside its English file."""
    return sorted(path for path in paths if not is_translation(path))


def _read_text(path: Path, problems: list[ContentError]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(ContentError(path, 1, "not UTF-8 text"))
        return ""


def _read_yaml(path: Path, problems: list[ContentError], first_line: int = 1, text=None):
    try:
        return parse_yaml(_read_text(path, problems) if text is None else text, path, first_line)
    except ContentError as error:
        problems.append(error)
        return None


def _front_matter(path: Path, problems: list[ContentError]) -> tuple[Fields, str]:
    """Split `---` YAML front matter from the Markdown body."""
    text = _read_text(path, problems)
    if len(text) > MAX_BODY:
        problems.append(ContentError(path, 1, f"file is larger than {MAX_BODY} characters"))
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(ContentError(path, 1, "must start with `---` front matter (title: ...)"))
        return Fields({}, path, []), text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        problems.append(ContentError(path, 1, "front matter is not closed with `---`"))
        return Fields({}, path, []), ""
    data = _read_yaml(path, problems, first_line=2, text="".join(lines[1:end]))
    return Fields(data, path, problems, line=2), "".join(lines[end + 1:]).strip() + "\n"


def _course(data, path: Path, problems) -> CourseData:
    f = Fields(data, path, problems)
    return CourseData(
        slug=f.slug("slug"), title=f.text("title"),
        summary=f.text("summary", max_length=MAX_SUMMARY),
        language=f.text("language", required=False, default="en", max_length=10),
        edition=f.text("edition", max_length=40), pass_mark=f.integer("pass_mark", 80, 1, 100),
        organisation=f.text("organisation", required=False),
        urgent_lesson=f.slug("urgent_lesson", required=False),
        edition_note=f.text("edition_note", required=False, max_length=2000),
        audience=f.text("audience", required=False, max_length=MAX_SUMMARY),
    )


def _numbered(path: Path, problems, suffix: str = "") -> tuple[int, str] | None:
    match = NUMBERED.match(path.name.removesuffix(suffix))
    if not match:
        problems.append(ContentError(path, 1, "name must be NN-slug (two digits, a hyphen, "
                                              "then a-z, 0-9 and hyphens)"))
        return None
    return int(match.group(1)), match.group(2)


def _module(folder: Path, resource_slugs: set[str], problems,
            lesson_refs: list) -> ModuleData | None:
    numbered = _numbered(folder, problems)
    module_file = folder / "module.yaml"
    if numbered is None:
        return None
    if not module_file.is_file():
        problems.append(ContentError(module_file, 1, "module.yaml not found"))
        return None
    f = Fields(_read_yaml(module_file, problems), module_file, problems)
    module = ModuleData(slug=numbered[1], position=numbered[0], title=f.text("title"),
                        summary=f.text("summary", required=False, max_length=MAX_SUMMARY))
    for path in _english(folder.glob("*.md")):
        lesson = _lesson(path, resource_slugs, problems)
        if lesson:
            module.lessons.append(lesson)
    quiz_file = folder / "quiz.yaml"
    if quiz_file.is_file():
        module.quiz_title, module.questions, module.quiz_ask = _quiz(quiz_file, problems,
                                                                     lesson_refs)
    return module


def _lesson(path: Path, resource_slugs: set[str], problems) -> LessonData | None:
    numbered = _numbered(path, problems, ".md")
    if numbered is None:
        return None
    meta, body = _front_matter(path, problems)
    resources = meta.items("resources", required=False)
    for slug in resources:
        if not isinstance(slug, str) or slug not in resource_slugs:
            meta.problem("resources", f"unknown handout {shown(slug)} (see modules/resources/)")
    if not body.strip():
        problems.append(ContentError(path, 1, "the lesson has no text"))
    return LessonData(slug=numbered[1], position=numbered[0], title=meta.text("title"),
                      minutes=meta.integer("minutes", 5, *MINUTES),
                      resources=[s for s in resources if isinstance(s, str)], body_md=body,
                      path=path, before_meeting=meta.flag("before_meeting"),
                      **meta.review(REVIEWED_HELP))


def _quiz(path: Path, problems,
          lesson_refs: list) -> tuple[str, list[QuestionData], int | None]:
    """The quiz's title, its pool of questions and how many an attempt asks (None: all).
    Each question's `lesson:` is noted in lesson_refs, checked once every lesson is read."""
    f = Fields(_read_yaml(path, problems), path, problems)
    questions, keys = [], set()
    for raw in f.items("questions"):
        q = Fields(raw, path, problems, line=f.line_of("questions"))
        key = q.slug("key")
        if key in keys:
            q.problem("key", f"question key {shown(key)} is used twice")
        keys.add(key)
        choices = []
        for raw_choice in q.items("choices"):
            c = Fields(raw_choice, path, problems, line=q.line_of("choices"))
            correct = c.data.get("correct", False)
            if not isinstance(correct, bool):
                c.problem("correct", "`correct` must be true or false")
            choices.append({"text": c.text("text", max_length=MAX_CHOICE),
                            "correct": correct is True})
        if len(choices) < 2:
            q.problem("choices", "a question needs at least two choices")
        elif not any(choice["correct"] for choice in choices):
            q.problem("choices", "no choice is marked `correct: true`")
        lesson = q.slug("lesson", required=False)
        if lesson:
            lesson_refs.append((ContentError(path, q.line_of("lesson"), (
                f"question {shown(key)}: `lesson: {lesson}` is not a lesson of this course")),
                lesson))
        questions.append(QuestionData(key=key, prompt=q.text("prompt", max_length=MAX_PROMPT),
                                      choices=choices,
                                      explanation=q.text("explanation",
                                                         max_length=MAX_EXPLANATION),
                                      lesson=lesson))
    if not questions:
        f.problem(None, "the quiz has no questions")
    ask = f.integer("ask", None, 1, 1000) if "ask" in f.data else None
    if ask is not None and pool_too_small(len(questions), ask):
        f.problem("ask", f"`ask: {ask}` needs a pool of at least {POOL_FACTOR:g} times as many "
                         f"questions ({-(-3 * ask // 2)}), so that retries differ; this quiz has "
                         f"{len(questions)}. Add questions, lower `ask`, or leave `ask` out to "
                         "ask every question")
    return f.text("title", required=False, default="Check what you learned"), questions, ask


def _resources(folder: Path, problems) -> list[ResourceData]:
    resources = []
    for path in _english(folder.glob("*.md")):
        numbered = _numbered(path, problems, ".md")
        if numbered is None:
            continue
        meta, body = _front_matter(path, problems)
        resources.append(ResourceData(slug=numbered[1], position=numbered[0],
                                      title=meta.text("title"),
                                      summary=meta.text("summary", required=False, max_length=500),
                                      body_md=body, before_meeting=meta.flag("before_meeting"),
                                      **meta.review(REVIEWED_HELP)))
    return resources


def _glossary(path: Path, problems) -> list[TermData]:
    f = Fields(_read_yaml(path, problems), path, problems)
    terms, slugs = [], set()
    for raw in f.items("terms"):
        t = Fields(raw, path, problems, line=f.line_of("terms"))
        slug = t.slug("slug")
        if slug in slugs:
            t.problem("slug", f"glossary slug {shown(slug)} is used twice")
        slugs.add(slug)
        terms.append(TermData(slug=slug, term=t.text("term", max_length=120),
                              definition_md=t.text("definition", max_length=2000)))
    return terms


def _check_course(course: CourseData, course_file: Path, problems) -> None:
    seen: dict[str, Path] = {}
    for module in course.modules:
        for lesson in module.lessons:
            if lesson.slug in seen:
                problems.append(ContentError(lesson.path, 1, f"lesson slug {shown(lesson.slug)} is "
                                                             f"also used by {seen[lesson.slug]}"))
            seen[lesson.slug] = lesson.path
    if not course.modules:
        problems.append(ContentError(course_file, 1, "the course has no module folders"))
    if course.urgent_lesson and course.urgent_lesson not in seen:
        problems.append(ContentError(
            course_file, 1, f"urgent_lesson {shown(course.urgent_lesson)} is not a lesson"))
