"""The Spanish text in the draft (issue 15): a trainer writes the Spanish of a lesson, module,
quiz, handout, glossary term, the course's description or its introduction, or confirms that a
translation is still right after its English text changed.

Every Spanish edit goes through change_draft() like every other edit, with a revision in the
history as an English edit has (issue 23), and the English it was written from is kept so the
editor can later show what changed in it. "Still right" needs no publish when learners read the
same English and Spanish as the draft: it changes the published translation's source marker at
once (as "reviewed, no change" does for review dates, lms/authoring/reviews.py), bumps the
course's content_version so every process rebuilds its snapshot, and is audit-logged."""
from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from lms import audit
from lms.authoring import english_sources, history
from lms.authoring.draft import change_draft, find_lesson, get_draft, normalise_body
from lms.content.importer import bump_content_version
from lms.content.mapping import published_course
from lms.content.schema import CourseData
from lms.content.translations import (
    OUTDATED,
    Translated,
    confirm,
    translated_items,
)
from lms.courses.models import Course, Translation
from lms.extensions import db

LANGUAGE = "es"
STILL_RIGHT_NOTE = "Still right for the changed English"


class NothingToConfirm(Exception):
    """The item has no translation, or its translation is not out of date."""


@dataclass(frozen=True)
class Confirmed:
    label: str
    live: bool  # learners see it at once; False: it waits in the draft for the next publish


def find_item(data: CourseData, kind: str, slug: str) -> Translated | None:
    return next((item for item in translated_items(data)
                 if (item.kind, item.slug) == (kind, slug)), None)


def _write(course: Course, user_id: int, data: CourseData, kind: str, slug: str,
           after: dict) -> bool:
    """Put the item's Spanish in data, with a revision and its English kept; False when the
    same text was there already."""
    item = find_item(data, kind, slug) or abort(404)
    translations = getattr(item.owner, item.attribute)
    before = translations.get(LANGUAGE)
    after = {**after, "source_sha256": item.english_sha}
    if before == after:
        return False
    translations[LANGUAGE] = after
    history.record_spanish(course.id, kind, slug, before, after, user_id)
    english_sources.keep(course.id, [item])
    return True


def save_lesson_translation(course: Course, user_id: int, slug: str, title: str,
                            body_md: str) -> bool:
    """Write the lesson's Spanish title and body, as written from its current English text.
    False when nothing changed."""
    def mutate(data: CourseData) -> bool:
        find_lesson(data, slug)  # 404 when the lesson is gone from the draft
        return _write(course, user_id, data, "lesson", slug,
                      {"title": title, "body_md": normalise_body(body_md)})
    return change_draft(course, user_id, mutate)


def save_translation(course: Course, user_id: int, kind: str, slug: str, text: dict) -> bool:
    """Write an item's Spanish text (module, quiz, handout, term, course or introduction), as
    written from its current English text. False when nothing changed; 404 when the item is
    gone from the draft."""
    return change_draft(course, user_id,
                        lambda data: _write(course, user_id, data, kind, slug, text))


def save_glossary_translation(course: Course, user_id: int, texts: dict[str, dict]) -> bool:
    """Every term's Spanish at once ({slug: {"term", "definition_md"}}). False when none changed."""
    def mutate(data: CourseData) -> bool:
        changed = False
        for term in data.glossary:
            if term.slug in texts:
                changed |= _write(course, user_id, data, "term", term.slug, texts[term.slug])
        return changed
    return change_draft(course, user_id, mutate)


def confirm_translation(course: Course, user_id: int, kind: str, slug: str) -> Confirmed | None:
    """"Still right": the translation now counts as written from the current English text.
    None, and nothing saved, when it was not out of date."""
    published = published_course(course)

    def mutate(data: CourseData) -> Confirmed:
        item = find_item(data, kind, slug)
        if item is None or item.state(LANGUAGE) != OUTDATED:
            raise NothingToConfirm  # leaves the draft as it was (none is made)
        before = dict(item.text(LANGUAGE))
        confirm(item, LANGUAGE)
        live = _confirm_published(course, published, item)
        history.record_spanish(course.id, kind, slug, before, item.text(LANGUAGE), user_id,
                               note=STILL_RIGHT_NOTE)
        english_sources.keep(course.id, [item])
        audit.record(user_id, "translation confirmed", target=f"{kind} {slug} ({LANGUAGE})",
                     detail="published at once" if live else "in the draft")
        return Confirmed(item.label, live)
    try:
        if get_draft(course.id) is None:
            confirmed = mutate(published)
            db.session.commit()
            return confirmed
        return change_draft(course, user_id, mutate)
    except NothingToConfirm:
        db.session.rollback()
        return None


def _confirm_published(course: Course, published: CourseData, item: Translated) -> bool:
    """Mark the published translation as written from the published English, when learners
    read the very English and Spanish the trainer confirmed; True when it changed."""
    row = db.session.scalar(select(Translation).where(
        Translation.course_id == course.id, Translation.kind == item.kind,
        Translation.slug == item.slug, Translation.language == LANGUAGE))
    live_item = find_item(published, item.kind, item.slug)
    spanish = {key: value for key, value in item.text(LANGUAGE).items()
               if key != "source_sha256"}
    if row is None or live_item is None or live_item.english_sha != item.english_sha \
            or row.fields != spanish or row.source_sha256 == item.english_sha:
        return False
    row.source_sha256 = item.english_sha
    bump_content_version(course)
    return True

