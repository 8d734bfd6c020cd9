"""The Spanish text in the draft (issue 15): a trainer writes the Spanish of a lesson, module,
quiz, handout or glossary term, or confirms that a translation is still right after its English
text changed. One transaction each, through
change_draft() like every other edit; learners see it when the draft is published."""
from flask import abort

from lms.authoring.draft import change_draft, find_lesson, normalise_body
from lms.content.schema import CourseData
from lms.content.translations import (
    OUTDATED,
    Translated,
    confirm,
    lesson_sha,
    term_sha,
    translated_items,
)
from lms.courses.models import Course

LANGUAGE = "es"


class NothingToConfirm(Exception):
    """The item has no translation, or its translation is not out of date."""


def find_item(data: CourseData, kind: str, slug: str) -> Translated | None:
    return next((item for item in translated_items(data)
                 if (item.kind, item.slug) == (kind, slug)), None)


def save_lesson_translation(course: Course, user_id: int, slug: str, title: str,
                            body_md: str) -> bool:
    """Write the lesson's Spanish title and body, as written from its current English text.
    False when nothing changed."""
    def mutate(data: CourseData) -> bool:
        _, lesson = find_lesson(data, slug)
        before = lesson.translations.get(LANGUAGE)
        after = {"title": title, "body_md": normalise_body(body_md),
                 "source_sha256": lesson_sha(lesson)}
        if before == after:
            return False
        lesson.translations[LANGUAGE] = after
        return True
    return change_draft(course, user_id, mutate)


def save_translation(course: Course, user_id: int, kind: str, slug: str, text: dict) -> bool:
    """Write an item's Spanish text (module, quiz, handout or term), as written from its current
    English text. False when nothing changed; 404 when the item is gone from the draft."""
    def mutate(data: CourseData) -> bool:
        item = find_item(data, kind, slug) or abort(404)
        translations = getattr(item.owner, item.attribute)
        after = {**text, "source_sha256": item.english_sha}
        if translations.get(LANGUAGE) == after:
            return False
        translations[LANGUAGE] = after
        return True
    return change_draft(course, user_id, mutate)


def save_glossary_translation(course: Course, user_id: int, texts: dict[str, dict]) -> bool:
    """Every term's Spanish at once ({slug: {"term", "definition_md"}}). False when none changed."""
    def mutate(data: CourseData) -> bool:
        changed = False
        for term in data.glossary:
            if term.slug in texts:
                after = {**texts[term.slug], "source_sha256": term_sha(term)}
                changed |= term.translations.get(LANGUAGE) != after
                term.translations[LANGUAGE] = after
        return changed
    return change_draft(course, user_id, mutate)


def confirm_translation(course: Course, user_id: int, kind: str, slug: str) -> str | None:
    """"Still right": the translation now counts as written from the current English text.
    Returns the item's label; None, and nothing saved, when it was not out of date."""
    def mutate(data: CourseData) -> str:
        item = find_item(data, kind, slug)
        if item is None or item.state(LANGUAGE) != OUTDATED:
            raise NothingToConfirm  # leaves the draft as it was (none is made)
        confirm(item, LANGUAGE)
        return item.label
    try:
        return change_draft(course, user_id, mutate)
    except NothingToConfirm:
        return None
