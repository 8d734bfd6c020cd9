"""Publishing the draft (or an imported folder) to learners, discarding it, and editions.

Publishing from the browser and importing files (in the browser or with `flask content import`)
are one code path, import_course(), under one rule: an import never overwrites a draft.
"""
import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from lms import audit
from lms.authoring import changes as item_changes
from lms.authoring import english_sources
from lms.authoring.draft import get_draft
from lms.catalogue.tasks import render_handouts
from lms.content.importer import Changes, import_course
from lms.content.mapping import published_course
from lms.content.schema import CourseData, course_from_dict
from lms.courses.models import Course, Edition, Visibility
from lms.extensions import db
from lms.queue import after_commit
from lms.refusal import N_, Refusal


class PublishRefused(Refusal):
    """Publishing cannot go ahead; the message says why. Nothing was changed."""


class DraftChanged(PublishRefused):
    """The draft changed after the trainer reviewed it, or while it was being published."""


class DraftInTheWay(PublishRefused):
    """An import would silently undo the trainers' unpublished draft, or be undone by it."""


_UNPUBLISHABLE = N_("This draft cannot be published as it is (two items share one name). "
                    "Please check the quizzes you edited, or discard the draft.")


def dry_run(data: CourseData) -> Changes:
    """What importing data would change, computed in a transaction that is then rolled back."""
    db.session.rollback()
    try:
        _, changes = import_course(data)
        return changes
    except IntegrityError as error:
        raise PublishRefused(_UNPUBLISHABLE) from error
    finally:
        db.session.rollback()


def suggest_edition(current: str, today: date | None = None) -> str:
    """The next edition name: 2026.1 -> 2026.2 this year, 2027.1 in a new year; 3 -> 4."""
    year = (today or date.today()).year
    match = re.fullmatch(r"(\d{4})\.(\d+)", current)
    if match and int(match.group(1)) == year:
        return f"{year}.{int(match.group(2)) + 1}"
    if current.isdigit():
        return str(int(current) + 1)
    return f"{year}.1"


def _start_edition(course: Course, data: CourseData, edition: str, note: str,
                   user_id: int) -> None:
    edition, note = edition.strip(), note.strip()
    if not note:
        raise PublishRefused(N_("Say what changed in the new edition."))
    if not edition or len(edition) > 40:
        raise PublishRefused(N_("Give the new edition a name of at most 40 characters."))
    known = set(db.session.scalars(select(Edition.edition).where(Edition.course_id == course.id)))
    if edition == course.edition or edition in known:
        raise PublishRefused(N_("Edition %(edition)s was already used. Choose a new name."),
                             edition=repr(edition))
    data.edition = edition
    db.session.add(Edition(course_id=course.id, edition=edition, note=note,
                           published_by=user_id))


def publish_draft(course: Course, user_id: int, seen_version: int,
                  new_edition: str | None = None, note: str = "") -> Changes:
    """Apply the draft the trainer reviewed (version seen_version) to the course, then drop it."""
    draft = get_draft(course.id)
    if draft is None:
        raise PublishRefused(N_("There is no draft to publish."))
    if draft.version != seen_version:
        raise DraftChanged(N_("The draft changed while you were reviewing it. "
                              "Please check the changes below again, then publish."))
    return _apply(course, course_from_dict(draft.data), user_id, new_edition, note, draft)


def publish_data(course: Course, data: CourseData, user_id: int,
                 new_edition: str | None = None, note: str = "") -> Changes:
    """Apply an imported folder's data to the course (there must be no draft to overwrite).
    Its handout PDFs follow in the background once it commits, never rendered in a request;
    with the broker down the pages still work and the PDFs wait for the next import."""
    _no_draft_in_the_way(course, discard=False)
    if data.slug != course.slug:
        raise PublishRefused(N_("This folder is for the course %(folder)s, not %(course)s."),
                             folder=repr(data.slug), course=repr(course.slug))
    return _apply(course, data, user_id, new_edition, note, None, handouts=True)


EMPTY_COURSE = N_("Add at least one lesson before publishing: learners would find an empty "
                  "course.")


def _apply(course, data, user_id, new_edition, note, draft, handouts=False) -> Changes:
    if not any(module.lessons for module in data.modules):
        raise PublishRefused(EMPTY_COURSE)
    try:
        if new_edition is not None:
            _start_edition(course, data, new_edition, note, user_id)
        else:
            data.edition = course.edition
        before = published_course(course)
        _, changes = import_course(data)
        _keep_what_changed(course, before, data)
        if course.visibility is Visibility.DRAFT:  # its first publish: the catalogue lists it
            course.visibility = Visibility.LISTED
        if handouts:
            after_commit(render_handouts, course.id,
                         if_lost="the handout PDFs wait for the next import")
        if draft is not None:
            db.session.delete(draft)
        audit.record(user_id, "course imported" if handouts else "course published",
                     target=f"course {course.slug}", detail=f"edition {data.edition}")
        db.session.commit()
    except (IntegrityError, StaleDataError) as error:
        db.session.rollback()
        raise (PublishRefused(_UNPUBLISHABLE) if isinstance(error, IntegrityError) else
               DraftChanged(N_("The draft changed while it was being published. Please check "
                               "the changes below again, then publish."))) from error
    except Exception:
        db.session.rollback()
        raise
    return changes


def _keep_what_changed(course: Course, before: CourseData, after: CourseData) -> None:
    """In the publish's transaction: each changed item with its text before and after, under
    the version this publish makes, and the English every translation is written from."""
    item_changes.record(course.id, course.content_version, item_changes.compare(before, after))
    english_sources.keep_translated(course.id, after)


def import_files(data: CourseData, *, discard_draft: bool = False,
                 visibility: Visibility | None = None) -> tuple[Course, Changes]:
    """`flask content import`: the folder becomes the published text of the course its
    course.yaml names (created if new, with the given visibility), its edition included.
    Commits. With discard_draft, the draft is deleted in the same transaction."""
    course = db.session.scalar(select(Course).where(Course.slug == data.slug))
    if course is not None:
        _no_draft_in_the_way(course, discard=discard_draft)
    before = published_course(course) if course is not None else None
    course, changes = import_course(data)
    if before is not None:
        _keep_what_changed(course, before, data)
    else:
        english_sources.keep_translated(course.id, data)
    if visibility is not None and changes.created_course:
        course.visibility = visibility
    audit.record(None, "course imported", target=f"course {course.slug}",
                 detail=f"edition {data.edition}")
    db.session.commit()
    return course, changes


def _no_draft_in_the_way(course: Course, *, discard: bool) -> None:
    draft = get_draft(course.id)
    if draft is None:
        return
    if not discard:
        raise DraftInTheWay(N_("There is an unpublished draft. Publish or discard it first, "
                               "so the import does not silently undo it or get undone by it."))
    db.session.delete(draft)  # in the import's transaction: both happen, or neither


def discard_draft(course: Course) -> bool:
    """Throw the draft away; revisions stay in the history. False if there was none."""
    draft = get_draft(course.id)
    if draft is None:
        return False
    db.session.delete(draft)
    db.session.commit()
    return True


def editions(course: Course) -> list[Edition]:
    return list(db.session.scalars(select(Edition).where(Edition.course_id == course.id)
                                   .order_by(Edition.published_at.desc())))
