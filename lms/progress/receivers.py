"""What progress does when other features announce something (see lms/auth/signals.py)."""
from flask import Flask, flash
from flask_babel import gettext

from lms.auth.signals import arrived
from lms.catalogue import listing
from lms.progress import guest_cookie
from lms.progress.joining import join_account
from lms.progress.services import complete_lesson_by_slug


def init_app(app: Flask) -> None:
    arrived.connect(_join_guest_progress, sender=app)
    arrived.connect(_record_chosen_lesson, sender=app)


def _join_guest_progress(_app, *, user, **_) -> None:
    """A guest signed up or logged in on this device: their progress joins the account."""
    guest = guest_cookie.current_guest()
    if guest is None:
        return
    outcome = join_account(guest.id, user.id)
    guest_cookie.forget()
    if outcome is not None and outcome.carried_anything:
        flash(gettext("What you did on this device is now kept in your account."), "success")
    if outcome is not None and outcome.certificates:
        flash(gettext("You have completed the course. Well done! Your certificate is being "
                      "prepared."),
              "success")


def _record_chosen_lesson(_app, *, user, complete: str | None = None, **_) -> None:
    """A visitor pressed "Mark as complete", then logged in or signed up: record it.
    `complete` names the lesson as "<course>/<lesson>" (both slugs)."""
    course_slug, _, lesson_slug = (complete or "").partition("/")
    ref = listing.course_ref(course_slug) if lesson_slug else None
    if ref is not None and ref.visibility.takes_new_learners:
        complete_lesson_by_slug(user.id, ref.id, lesson_slug)
