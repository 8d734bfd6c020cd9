"""The public part of the API: the listed courses, and one course's outline, read from the
published snapshots like the pages are."""
from lms.catalogue import listing
from lms.catalogue.snapshot import Snapshot
from lms.courses.models import Visibility
from lms.urls import public_url


def _summary(snapshot: Snapshot) -> dict:
    course = snapshot.course
    return {"slug": course.slug, "title": course.title, "summary": course.summary,
            "audience": course.audience, "edition": course.edition,
            "languages": listing.languages(snapshot),
            "url": public_url("learn.home", course=course.slug),
            "outline": public_url("api_public.course_outline", slug=course.slug)}


def listed_courses() -> list[dict]:
    """The catalogue's courses, in its order."""
    return [_summary(ref.snapshot()) for ref in listing.listed_refs()]


def course_outline(slug: str) -> dict | None:
    """A readable course's modules, lessons and quizzes; None for a draft or unknown course."""
    ref = listing.course_ref(slug)
    if ref is None or ref.visibility is Visibility.DRAFT:
        return None
    snapshot = ref.snapshot()
    return _summary(snapshot) | {
        "pass_mark": snapshot.course.pass_mark,
        "modules": [{"slug": module.slug, "title": module.title, "summary": module.summary,
                     "has_quiz": module.has_quiz,
                     "lessons": [{"slug": lesson.slug, "title": lesson.title,
                                  "minutes": lesson.minutes} for lesson in module.lessons]}
                    for module in snapshot.modules]}
