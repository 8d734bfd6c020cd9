"""A module's quiz in the draft: saving it (new questions get a key that is never reused), and
reading the quiz editor's form: numbered fieldsets of question, choices and explanation."""
from dataclasses import dataclass, field

from flask_babel import format_number, gettext
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from lms.authoring import history
from lms.authoring.draft import change_draft, find_module, unique_slug
from lms.content.schema import (
    MAX_CHOICE,
    MAX_EXPLANATION,
    MAX_PROMPT,
    SLUG,
    CourseData,
    pool_too_small,
)
from lms.courses.models import Course, Module, Question, Quiz
from lms.extensions import db
from lms.numbers import whole_number

EXTRA_CHOICES = 2  # blank choice rows offered under each question
MAX_CHOICES = 10
MAX_QUESTIONS = 50


def question_keys(course: Course, module_slug: str) -> set[str]:
    """Every key a question of this module's quiz has had: answers refer to questions by key."""
    return set(db.session.scalars(select(Question.key).join(Quiz).join(Module).where(
        Module.course_id == course.id, Module.slug == module_slug)))


def save_quiz(course: Course, user_id: int, module_slug: str, content: dict, expected: int,
              note: str = "") -> bool:
    """Save the module's quiz; new questions get a key. False when nothing changed."""
    def mutate(data: CourseData) -> bool:
        module = find_module(data, module_slug)
        taken = question_keys(course, module_slug) | {q.key for q in module.questions}
        for question in content["questions"]:
            if not question.get("key"):
                question["key"] = unique_slug(question["prompt"], taken, "question", 40)
                taken.add(question["key"])
        before = history.quiz_content(module)
        if content == before:
            return False
        history.record(course.id, "quiz", module_slug, before=before, after=content,
                       author_id=user_id, note=note, expected=expected)
        history.apply_quiz_content(module, content)
        return True
    return change_draft(course, user_id, mutate)


@dataclass
class QuestionRow:
    """One question as the form shows it (also when re-shown with errors)."""

    index: int
    key: str = ""
    prompt: str = ""
    explanation: str = ""
    position: str = ""
    choices: list[dict] = field(default_factory=list)
    lesson: str = ""  # the lesson to reread after getting it wrong ("": the module)
    remove: bool = False
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_blank(self) -> bool:
        return not (self.key or self.prompt or self.explanation
                    or any(c["text"] for c in self.choices))


def rows_from_content(content: dict) -> list[QuestionRow]:
    rows = [QuestionRow(i, q["key"], q["prompt"], q["explanation"], str(i + 1),
                        [dict(c) for c in q["choices"]], lesson=q.get("lesson", ""))
            for i, q in enumerate(content["questions"])]
    rows.append(QuestionRow(len(rows), position=str(len(rows) + 1)))  # a blank one to add
    for row in rows:
        row.choices += [{"text": "", "correct": False}] * EXTRA_CHOICES
    return rows


def parse(form: MultiDict, lessons: frozenset[str] = frozenset()
          ) -> tuple[str, list[QuestionRow], list[tuple[str, str]]]:
    """(quiz title, rows, [(field id, message)]) from the posted form; a question's lesson
    must be one of lessons (the course's)."""
    title = (form.get("title") or "").strip()
    errors = [] if 0 < len(title) <= 200 else [("title", gettext(
        "Quiz title: give a title of at most %(limit)s characters.", limit=200))]
    count = min(_int(form.get("count"), 0), MAX_QUESTIONS + 1)
    rows = [_row(form, i) for i in range(count)]
    for row in rows:
        if row.lesson and row.lesson not in lessons and not (row.remove or row.is_blank):
            row.errors["lesson"] = gettext("choose a lesson of this course.")
        for name, message in row.errors.items():
            errors.append((f"q-{row.index}-{name}", gettext(
                "Question %(number)s: %(message)s", number=row.index + 1, message=message)))
    kept = [r for r in rows if not r.remove and not r.is_blank]
    if not kept:
        errors.append(("q-0-prompt", gettext("The quiz needs at least one question.")))
    seen = set()
    for row in kept:
        if row.key and row.key in seen:  # only a forged form can do this: keys are hidden
            errors.append((f"q-{row.index}-prompt", gettext(
                "Question %(number)s: it has the same key as another question.",
                number=row.index + 1)))
        seen.add(row.key)
    return title, rows, errors


def parse_ask(form: MultiDict, rows: list[QuestionRow]) -> tuple[int | None, list]:
    """(how many questions an attempt asks, None for all; [(field id, message)]): the pool,
    the questions kept, holds at least 1.5 times as many, so that retries differ."""
    raw = (form.get("ask") or "").strip()
    if not raw:
        return None, []
    ask = whole_number(raw, MAX_QUESTIONS)
    pool = len([r for r in rows if not r.remove and not r.is_blank])
    if ask is None or ask < 1:
        return None, [("ask", gettext("Questions asked: give a whole number, or leave it empty "
                                      "to ask every question."))]
    if pool_too_small(pool, ask):
        return ask, [("ask", gettext(
            "Questions asked: to ask %(ask)s, the quiz needs at least %(needed)s questions (1.5 "
            "times as many, so that a retry asks different ones); it has %(pool)s.",
            ask=ask, needed=-(-3 * ask // 2), pool=pool))]
    return ask, []


def content_from(title: str, rows: list[QuestionRow], ask: int | None = None) -> dict:
    kept = [r for r in rows if not r.remove and not r.is_blank]
    # A question given a new position goes before one that kept the same number.
    kept.sort(key=lambda r: (_int(r.position, r.index + 1), r.position == str(r.index + 1),
                             r.index))
    return {"title": title, "ask": ask, "questions": [
        {"key": r.key, "prompt": r.prompt,
         "choices": [{"text": c["text"], "correct": c["correct"]} for c in r.choices if c["text"]],
         "explanation": r.explanation, "lesson": r.lesson} for r in kept]}


def _int(value, default: int) -> int:
    number = whole_number(value, 10_000)
    return default if number is None else number


def revision_from(form: MultiDict) -> int:
    """The revision number the form was opened at; 0 (never saved) when missing or garbled."""
    return _int(form.get("revision"), 0)


def _row(form: MultiDict, i: int) -> QuestionRow:
    prefix = f"q-{i}-"
    row = QuestionRow(i, key=(form.get(prefix + "key") or "").strip()[:40],
                      prompt=(form.get(prefix + "prompt") or "").strip(),
                      explanation=(form.get(prefix + "explanation") or "").strip(),
                      position=(form.get(prefix + "position") or "").strip(),
                      lesson=(form.get(prefix + "lesson") or "").strip()[:80],
                      remove=form.get(prefix + "remove") == "y")
    if not SLUG.match(row.key):
        row.key = ""  # a new question; save_quiz gives it a key
    for j in range(min(_int(form.get(prefix + "choices"), 0), MAX_CHOICES)):
        row.choices.append({"text": (form.get(f"{prefix}c-{j}-text") or "").strip(),
                            "correct": form.get(f"{prefix}c-{j}-correct") == "y"})
    if row.remove or row.is_blank:
        return row
    _check(row)
    return row


def _check(row: QuestionRow) -> None:
    filled = [c for c in row.choices if c["text"]]
    if not row.prompt or len(row.prompt) > MAX_PROMPT:
        row.errors["prompt"] = gettext("write the question (at most %(limit)s characters).",
                                       limit=format_number(MAX_PROMPT))
    if len(filled) < 2:
        row.errors["c-0-text"] = gettext("give at least two choices.")
    elif not any(c["correct"] for c in filled):
        row.errors["c-0-correct"] = gettext("tick at least one correct choice.")
    elif any(len(c["text"]) > MAX_CHOICE for c in filled):
        row.errors["c-0-text"] = gettext("each choice can be at most %(limit)s characters.",
                                         limit=MAX_CHOICE)
    if not row.explanation or len(row.explanation) > MAX_EXPLANATION:
        row.errors["explanation"] = gettext(
            "explain the answer (at most %(limit)s characters).",
            limit=format_number(MAX_EXPLANATION))
    if row.position and not row.position.isdigit():
        row.errors["position"] = gettext("the position must be a whole number.")
