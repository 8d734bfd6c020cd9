"""Celery task of the LTI tool (thin: it calls lms/lti/grades.py), queued after commit."""
from celery import shared_task

from lms.celery_app import retry_later
from lms.lti.grades import send_course_scores


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_scores(self, user_id: int, course_id: int) -> int:
    """Send a learner's course score to their platforms' gradebooks; retried with backoff while
    a platform is unreachable or refuses (scores already sent are not sent again)."""
    try:
        return send_course_scores(user_id, course_id)
    except Exception as error:
        raise retry_later(self, error) from error
