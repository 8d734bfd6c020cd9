"""What the LTI tool does when other features announce something."""
from flask import Flask

from lms.lti.launches import queue_unsent_scores
from lms.signals import course_completed


def init_app(app: Flask) -> None:
    course_completed.connect(_send_scores, sender=app)


def _send_scores(_app, *, user_id: int, course_id: int, **_) -> None:
    """A learner completed a course: their score goes to any platform gradebook waiting for it,
    once the completion is committed."""
    queue_unsent_scores(user_id, course_id)
