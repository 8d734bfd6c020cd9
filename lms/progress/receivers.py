"""What progress does when other features announce something (see lms/auth/signals.py)."""
from flask import Flask

from lms.auth.signals import arrived
from lms.progress.services import complete_lesson_by_slug


def init_app(app: Flask) -> None:
    arrived.connect(_record_chosen_lesson, sender=app)


def _record_chosen_lesson(_app, *, user, complete: str | None = None, **_) -> None:
    """A visitor pressed "Mark as complete", then logged in or signed up: record it."""
    if complete:
        complete_lesson_by_slug(user.id, complete)
