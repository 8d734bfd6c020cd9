"""What the webhooks send when other features announce something (lms/signals.py)."""
from flask import Flask

from lms.signals import course_completed, enrolment_started
from lms.webhooks import events


def init_app(app: Flask) -> None:
    enrolment_started.connect(_enrolment_started, sender=app)
    course_completed.connect(_course_completed, sender=app)


def _enrolment_started(_app, *, enrolment, **_) -> None:
    events.enrolment_started(enrolment)


def _course_completed(_app, *, enrolment, **_) -> None:
    events.course_completed(enrolment)
