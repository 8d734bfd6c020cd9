"""What progress does when other features announce something (see lms/auth/signals.py)."""
from flask import Flask, url_for

from lms.auth.signals import arrived
from lms.catalogue import listing
from lms.progress import device, guest_cookie
from lms.progress.services import complete_lesson_by_slug


def init_app(app: Flask) -> None:
    arrived.connect(_offer_guest_progress, sender=app)
    arrived.connect(_record_chosen_lesson, sender=app)


def _offer_guest_progress(_app, *, next_url: str | None = None, **_) -> str | None:
    """Someone signed up or logged in on a device with a visitor's progress: they are asked
    whether to add it to their account (the page the log-in goes to first), never joined
    silently (finding N8: it may be someone else's, and could issue a certificate)."""
    if not device.offered(guest_cookie.current_guest()):
        return None
    return url_for("portal.device_progress", next=next_url)


def _record_chosen_lesson(_app, *, user, complete: str | None = None, **_) -> None:
    """A visitor pressed "Mark as complete", then logged in or signed up: record it.
    `complete` names the lesson as "<course>/<lesson>" (both slugs)."""
    course_slug, _, lesson_slug = (complete or "").partition("/")
    ref = listing.course_ref(course_slug) if lesson_slug else None
    if ref is not None and ref.visibility.takes_new_learners:
        complete_lesson_by_slug(user.id, ref.id, lesson_slug)
