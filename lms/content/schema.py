"""The course folder as plain data, and the checks each field must pass."""
import copy
import re
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path

from lms.content.yamlfile import ContentError, LineDict, shown

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBERED = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")

# Limits every way into the course shares: the file loader, the trainer's forms, the quiz editor.
MAX_TITLE = 200
MAX_SUMMARY = 2000
MAX_BODY = 200_000
MINUTES = (1, 240)
MAX_PROMPT = 1000
MAX_CHOICE = 500
MAX_EXPLANATION = 2000
# A quiz's pool holds at least 1.5 times the questions an attempt asks, so retries differ.
POOL_FACTOR = 1.5


def pool_too_small(pool: int, ask: int | None) -> bool:
    return ask is not None and pool < POOL_FACTOR * ask

MAX_CHECK_FOR = 200
# The fields of a lesson a trainer edits, and a revision keeps (as a dict of these names).
LESSON_CONTENT = ("title", "minutes", "body_md", "resources", "before_meeting",
                  "reviewed", "check_again_by", "check_again_for")
# What a field added later means in a revision or draft saved before it existed.
LESSON_CONTENT_DEFAULTS = {"before_meeting": False, "reviewed": None, "check_again_by": None,
                           "check_again_for": ""}
# Review dates (issue 21): dates in the data, "YYYY-MM-DD" text in JSON (drafts, revisions).
REVIEW_DATES = ("reviewed", "check_again_by")


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value) -> date | None:
    """A review date read back from JSON; a date stays a date."""
    if value is None or value == "" or isinstance(value, date):
        return value or None
    return date.fromisoformat(value)


def review_problem(reviewed: date | None, check_again_by: date | None,
                   check_again_for: str) -> str | None:
    """The rule every way in shares (files, the lesson editor): None when the dates are fine."""
    if check_again_by is not None and reviewed is not None and check_again_by <= reviewed:
        return "`check_again_by` must be after `reviewed`"
    if check_again_for and check_again_by is None:
        return "`check_again_for` needs a `check_again_by` date"
    return None


def derived(default=None):
    """A field read from the database or rendered from Markdown (an id, HTML): filled for the
    published course and previews, never written to a draft or a file, never compared."""
    return field(default=default, compare=False, metadata={"derived": True})


@dataclass
class QuestionData:
    key: str
    prompt: str
    choices: list[dict]  # [{"text": str, "correct": bool}, ...]; answers are choice indices
    explanation: str
    # quiz.yaml `lesson:`: the lesson to reread after getting it wrong ("": the module).
    lesson: str = ""

    @property
    def correct_indices(self) -> set[int]:
        return {i for i, choice in enumerate(self.choices) if choice.get("correct")}

    @property
    def is_multiple(self) -> bool:
        return len(self.correct_indices) > 1


@dataclass
class LessonData:
    slug: str
    position: int
    title: str
    minutes: int
    body_md: str
    resources: list[str]
    path: Path
    # Front matter `before_meeting: true`: in the learner's "Before your meeting" plan.
    before_meeting: bool = False
    # Front matter `reviewed` (required in files): when its facts were last checked; and for a
    # time-sensitive statement, `check_again_by` and what to check (`check_again_for`).
    reviewed: date | None = None
    check_again_by: date | None = None
    check_again_for: str = ""
    # {"es": {"title", "body_md", "source_sha256"}}: the lesson's other languages (issue 15).
    translations: dict = field(default_factory=dict)
    id: int | None = derived()
    body_html: str = derived("")
    # In a localised snapshot: "" (translated), "untranslated" or "outdated" (lms/content/
    # translations.py).
    translation_state: str = derived("")

    @classmethod
    def blank(cls, slug: str) -> "LessonData":
        """A new lesson, before a trainer's content is applied to it."""
        return cls(slug=slug, position=0, title="", minutes=5, body_md="", resources=[],
                   path=Path(f"{slug}.md"))


@dataclass
class ModuleData:
    slug: str
    position: int
    title: str
    summary: str
    lessons: list[LessonData] = field(default_factory=list)
    quiz_title: str | None = None
    # The quiz's pool: an attempt asks `quiz_ask` of them, drawn per attempt (None: all).
    questions: list[QuestionData] = field(default_factory=list)
    quiz_ask: int | None = None
    # {"es": {"title", "summary", "source_sha256"}}
    translations: dict = field(default_factory=dict)
    # {"es": {"title", "questions": [{"key", "prompt", "choices": [text], "explanation"}],
    #         "source_sha256"}}: correctness and order always come from the English questions.
    quiz_translations: dict = field(default_factory=dict)
    id: int | None = derived()
    quiz_id: int | None = derived()
    translation_state: str = derived("")
    quiz_translation_state: str = derived("")

    @property
    def has_quiz(self) -> bool:
        """A module with no (unretired) questions has no quiz step: nobody could pass it."""
        return bool(self.questions)

    @property
    def asked(self) -> int:
        """How many questions an attempt asks: never more than the pool holds."""
        return min(self.quiz_ask or len(self.questions), len(self.questions))


@dataclass
class ResourceData:
    slug: str
    position: int
    title: str
    summary: str
    body_md: str
    # Front matter `before_meeting: true`: a handout to print for a meeting with the school.
    before_meeting: bool = False
    # As a lesson's (LessonData.reviewed).
    reviewed: date | None = None
    check_again_by: date | None = None
    check_again_for: str = ""
    # {"es": {"title", "summary", "body_md", "source_sha256"}}
    translations: dict = field(default_factory=dict)
    body_html: str = derived("")
    translation_state: str = derived("")


@dataclass
class TermData:
    slug: str
    term: str
    definition_md: str
    # {"es": {"term", "definition_md", "source_sha256"}}
    translations: dict = field(default_factory=dict)
    definition_html: str = derived("")
    translation_state: str = derived("")


@dataclass
class CourseData:
    slug: str
    title: str
    summary: str
    language: str
    edition: str
    pass_mark: int
    organisation: str
    urgent_lesson: str
    intro_title: str = "About this course"
    intro_md: str = ""
    # Who the course is for, as the catalogue says it (course.yaml `audience`).
    audience: str = ""
    # What changed in this edition (course.yaml `edition_note`); recorded when an import
    # starts a new edition.
    edition_note: str = ""
    modules: list[ModuleData] = field(default_factory=list)
    resources: list[ResourceData] = field(default_factory=list)
    glossary: list[TermData] = field(default_factory=list)
    # {"es": {"title", "summary", "edition_note", "source_sha256"}} (course.es.yaml) and
    # {"es": {"title", "body_md", "source_sha256"}} (introduction.es.md)
    translations: dict = field(default_factory=dict)
    intro_translations: dict = field(default_factory=dict)
    id: int | None = derived()
    intro_html: str = derived("")
    intro_translation_state: str = derived("")


class Fields:
    """Typed access to a YAML mapping that reports problems as path:line."""

    def __init__(self, data, path: Path, problems: list[ContentError], line: int = 1):
        self.path, self.problems = path, problems
        if not isinstance(data, dict):
            problems.append(ContentError(path, line, "expected a mapping of `key: value` lines"))
            data = LineDict()
        self.data = data
        self.line = getattr(data, "line", line)

    def line_of(self, key: str) -> int:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def problem(self, key: str | None, message: str) -> None:
        line = self.line_of(key) if key else self.line
        self.problems.append(ContentError(self.path, line, message))

    def text(self, key: str, *, required: bool = True, max_length: int = 200,
             default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field `{key}`")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(key, f"`{key}` must be text")
            return default
        value = str(value).strip()
        if required and not value:
            self.problem(key, f"`{key}` must not be empty")
        if len(value) > max_length:
            self.problem(key, f"`{key}` is {len(value)} characters long; the limit is {max_length}")
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(key, f"`{key}` must be a whole number from {low} to {high}")
            return default
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.problem(key, f"`{key}` must be true or false")
            return default
        return value

    def day(self, key: str, *, required: bool = True, what: str = "") -> date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field `{key}`{what} (YYYY-MM-DD)")
            return None
        if isinstance(value, str) and ISO_DAY.match(value.strip()):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problem(key, f"`{key}` must be a date written YYYY-MM-DD: {shown(value)}")
            return None
        return value

    def review(self, what: str) -> dict:
        """`reviewed` (required), `check_again_by` and `check_again_for` (optional)."""
        values = dict(reviewed=self.day("reviewed", what=what),
                      check_again_by=self.day("check_again_by", required=False),
                      check_again_for=self.text("check_again_for", required=False,
                                                max_length=MAX_CHECK_FOR))
        problem = review_problem(**values)
        if problem:
            self.problem("check_again_for" if "needs" in problem else "check_again_by", problem)
        return values

    def slug(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required, max_length=80)
        if value and not SLUG.match(value):
            self.problem(key, f"`{key}` must use only a-z, 0-9 and single hyphens: {shown(value)}")
        return value

    def items(self, key: str, *, required: bool = True) -> list:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required list `{key}`")
            return []
        if not isinstance(value, list):
            self.problem(key, f"`{key}` must be a list")
            return []
        return value


def _plain(value):
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name))
                for f in fields(value) if not f.metadata.get("derived")}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):  # a copy: the result must share nothing with the data
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def course_to_dict(course: CourseData) -> dict:
    """Course data as JSON-ready values: derived fields (ids, HTML) left out, paths as text."""
    return _plain(course)


def course_from_dict(data: dict) -> CourseData:
    """The inverse of course_to_dict; the result shares nothing with data (a draft's JSON,
    which must not change in place when the course data is edited)."""
    data = copy.deepcopy(data)
    values = dict(data)
    values["modules"] = [_module_from_dict(m) for m in data["modules"]]
    values["resources"] = [ResourceData(**_dated(r)) for r in data["resources"]]
    values["glossary"] = [TermData(**t) for t in data["glossary"]]
    return CourseData(**values)


def _module_from_dict(data: dict) -> ModuleData:
    values = dict(data)
    values["lessons"] = [LessonData(**{**_dated(lesson), "path": Path(lesson["path"])})
                         for lesson in data["lessons"]]
    values["questions"] = [QuestionData(**q) for q in data["questions"]]
    return ModuleData(**values)


def _dated(item: dict) -> dict:
    """A lesson's or handout's JSON with its review dates as dates (absent in older drafts)."""
    return {**item, **{name: from_iso(item.get(name)) for name in REVIEW_DATES}}
