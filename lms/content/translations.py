"""The course's other languages (issue 15): one course, its text in English and in Spanish.

Each content type keeps its translations beside its English text (`translations`, and
`quiz_translations` / `intro_translations`), keyed by language. Every translated item records
`source_sha256`, the SHA-256 of the English text it was written from: when the English text
changes, the hash no longer matches and the translation "needs updating". This module is the one
place that says what "the English text" of an item is, and how a localised course is built.
"""
import copy
import hashlib
import json
from dataclasses import dataclass

from lms.content.schema import CourseData, LessonData, ModuleData, ResourceData, TermData
from lms.courses.markdown import render_markdown

# The languages a course file may be translated into (English is the source); see lms/i18n.py.
TRANSLATED = ("es",)
UNTRANSLATED = "untranslated"  # no text in this language yet: the English is shown
OUTDATED = "outdated"  # the English text changed after this translation was written


def _sha(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def lesson_sha(lesson: LessonData) -> str:
    return _sha(lesson.title, lesson.body_md)


def module_sha(module: ModuleData) -> str:
    return _sha(module.title, module.summary)


def quiz_sha(module: ModuleData) -> str:
    return _sha(module.quiz_title or "", [[q.key, q.prompt, [c["text"] for c in q.choices],
                                           q.explanation] for q in module.questions])


def resource_sha(resource: ResourceData) -> str:
    return _sha(resource.title, resource.summary, resource.body_md)


def term_sha(term: TermData) -> str:
    return _sha(term.term, term.definition_md)


def course_sha(course: CourseData) -> str:
    return _sha(course.title, course.summary)


def intro_sha(course: CourseData) -> str:
    return _sha(course.intro_title, course.intro_md)


@dataclass(frozen=True)
class Translated:
    """One translatable item of a course: where its translations live and its English hash."""

    kind: str  # course, introduction, module, quiz, lesson, handout, term
    slug: str
    label: str  # what a trainer calls it on the Manage page
    owner: object  # the plain-data object holding the translations dict
    attribute: str  # "translations", "quiz_translations" or "intro_translations"
    english_sha: str

    def text(self, language: str) -> dict | None:
        return getattr(self.owner, self.attribute).get(language)

    def state(self, language: str) -> str:
        text = self.text(language)
        if text is None:
            return UNTRANSLATED
        return OUTDATED if text.get("source_sha256") not in (None, self.english_sha) else ""


def _text_lines(title: str, *blocks: str) -> list[str]:
    lines = [title]
    for block in blocks:
        if block:
            lines += ["", *block.splitlines()]
    return lines


def english_lines(item: Translated) -> list[str]:
    """The English text an item's hash covers, as lines: what a translator works from."""
    owner = item.owner
    if item.kind == "course":
        return _text_lines(owner.title, owner.summary)
    if item.kind == "introduction":
        return _text_lines(owner.intro_title, owner.intro_md)
    if item.kind == "module":
        return _text_lines(owner.title, owner.summary)
    if item.kind == "quiz":
        return _quiz_lines(owner.quiz_title or "", [
            (q.prompt, [c["text"] for c in q.choices], q.explanation) for q in owner.questions])
    if item.kind == "handout":
        return _text_lines(owner.title, owner.summary, owner.body_md)
    if item.kind == "term":
        return _text_lines(owner.term, owner.definition_md)
    return _text_lines(owner.title, owner.body_md)


def translation_lines(kind: str, text: dict) -> list[str]:
    """A translation's text as lines, in the same shape as english_lines()."""
    if kind == "quiz":
        return _quiz_lines(text.get("title") or "", [
            (q.get("prompt", ""), q.get("choices", []), q.get("explanation", ""))
            for q in text.get("questions", [])])
    if kind == "term":
        return _text_lines(text.get("term", ""), text.get("definition_md", ""))
    return _text_lines(text.get("title", ""), text.get("summary", ""), text.get("body_md", ""))


def _quiz_lines(title: str, questions) -> list[str]:
    lines = [title]
    for number, (prompt, choices, explanation) in enumerate(questions, start=1):
        lines += ["", f"{number}. {prompt}", *(f"  - {choice}" for choice in choices),
                  f"  {explanation}"]
    return lines


def translated_items(course: CourseData) -> list[Translated]:
    """Every translatable item of the course, in course order."""
    items = [Translated("course", course.slug, course.title, course, "translations",
                        course_sha(course))]
    if course.intro_md:
        items.append(Translated("introduction", course.slug, course.intro_title, course,
                                "intro_translations", intro_sha(course)))
    for module in course.modules:
        items.append(Translated("module", module.slug, module.title, module, "translations",
                                module_sha(module)))
        items.extend(Translated("lesson", lesson.slug, lesson.title, lesson, "translations",
                                lesson_sha(lesson)) for lesson in module.lessons)
        if module.questions:
            items.append(Translated("quiz", module.slug, module.title,
                                    module, "quiz_translations", quiz_sha(module)))
    items.extend(Translated("handout", r.slug, r.title, r, "translations", resource_sha(r))
                 for r in course.resources)
    items.extend(Translated("term", t.slug, t.term, t, "translations", term_sha(t))
                 for t in course.glossary)
    return items


def needs_updating(course: CourseData, language: str) -> list[Translated]:
    """Items whose translation was written from an English text that has since changed."""
    return [item for item in translated_items(course) if item.state(language) == OUTDATED]


def fill_missing_hashes(course: CourseData) -> None:
    """A translation read without `source_sha256` is taken as written from the current English."""
    for item in translated_items(course):
        for text in getattr(item.owner, item.attribute).values():
            if not text.get("source_sha256"):
                text["source_sha256"] = item.english_sha


def confirm(item: Translated, language: str) -> None:
    """A trainer says the translation is still right for the current English text."""
    text = item.text(language)
    if text is not None:
        text["source_sha256"] = item.english_sha


def localized(course: CourseData, language: str) -> CourseData:
    """A copy of the course with each item's text in language where there is one (the English
    elsewhere), and each item's translation_state set; ids, slugs and steps are unchanged."""
    data = copy.deepcopy(course)
    data.language = language
    for item in translated_items(data):
        state, text = item.state(language), item.text(language) or {}
        _APPLY[item.kind](item.owner, text, state)
    return data


def _course(course: CourseData, text: dict, state: str) -> None:
    course.title = text.get("title") or course.title
    course.summary = text.get("summary") or course.summary


def _intro(course: CourseData, text: dict, state: str) -> None:
    course.intro_translation_state = state
    if text:
        course.intro_title, course.intro_md = text["title"], text["body_md"]
        course.intro_html = render_markdown(course.intro_md)


def _module(module: ModuleData, text: dict, state: str) -> None:
    module.translation_state = state
    module.title = text.get("title") or module.title
    module.summary = text.get("summary") or module.summary


def _quiz(module: ModuleData, text: dict, state: str) -> None:
    module.quiz_translation_state = state
    if not text:
        return
    module.quiz_title = text.get("title") or module.quiz_title
    spanish = {q["key"]: q for q in text.get("questions", [])}
    for question in module.questions:
        other = spanish.get(question.key)
        if other is None or len(other["choices"]) != len(question.choices):
            continue  # the English question changed shape: shown in English until updated
        question.prompt, question.explanation = other["prompt"], other["explanation"]
        question.choices = [{**choice, "text": text} for choice, text
                            in zip(question.choices, other["choices"], strict=True)]


def _lesson(lesson: LessonData, text: dict, state: str) -> None:
    lesson.translation_state = state
    if text:
        lesson.title, lesson.body_md = text["title"], text["body_md"]
        lesson.body_html = render_markdown(lesson.body_md)


def _handout(resource: ResourceData, text: dict, state: str) -> None:
    resource.translation_state = state
    if text:
        resource.title, resource.body_md = text["title"], text["body_md"]
        resource.summary = text.get("summary") or resource.summary
        resource.body_html = render_markdown(resource.body_md)


def _term(term: TermData, text: dict, state: str) -> None:
    term.translation_state = state
    if text:
        term.term, term.definition_md = text["term"], text["definition_md"]
        term.definition_html = render_markdown(term.definition_md)


_APPLY = {"course": _course, "introduction": _intro, "module": _module, "quiz": _quiz,
          "lesson": _lesson, "handout": _handout, "term": _term}
