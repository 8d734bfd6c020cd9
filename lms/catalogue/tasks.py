"""Background work for the course: handout PDFs, rendered off the request path."""
from celery import shared_task
from flask import current_app

from lms.catalogue.handouts import write_handout_pdfs
from lms.content.mapping import published_course
from lms.courses.models import Course
from lms.extensions import db


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=3, retry_backoff=5)
def render_handouts(course_id: int) -> int:
    """Write every handout's PDF for the course (after a browser import changed them)."""
    course = db.session.get(Course, course_id)
    if course is None:
        return 0
    data = published_course(course)
    write_handout_pdfs(current_app.instance_path, data)
    return len(data.resources)
