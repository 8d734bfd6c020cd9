"""Assignment and Grade Services: when a launched learner completes a course, their score goes
to the line item of each placed link they came from, by a Celery task queued after the commit
that recorded the completion (the learner's request never waits on a platform)."""
from __future__ import annotations

from datetime import datetime

from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.contrib.flask.service_connector import FlaskServiceConnector
from pylti1p3.grade import Grade
from sqlalchemy import select

from lms.catalogue.published import published_snapshot
from lms.catalogue.snapshot import Snapshot
from lms.extensions import db
from lms.lti.connection import platform_session
from lms.lti.deep_linking import SCORE_MAXIMUM
from lms.lti.models import LtiAccount, LtiGradeLink, LtiPlatform
from lms.lti.tool_config import registration_for
from lms.models_base import utcnow
from lms.progress.models import Enrolment
from lms.progress.services import learner_state


def unsent_grade_links(user_id: int, course_id: int) -> list[LtiGradeLink]:
    return list(db.session.scalars(select(LtiGradeLink).where(
        LtiGradeLink.user_id == user_id, LtiGradeLink.course_id == course_id,
        LtiGradeLink.sent_at.is_(None)).order_by(LtiGradeLink.id)))


def completed_at(user_id: int, course_id: int) -> datetime | None:
    return db.session.scalar(select(Enrolment.completed_at).where(
        Enrolment.user_id == user_id, Enrolment.course_id == course_id))


def score_for(snapshot: Snapshot, best: dict[int, int], module_slug: str | None) -> float:
    """The score a completed course (or a placed module) earns, in percent: the mean of the
    learner's best quiz scores (the placed module's own quiz for a module), or 100 for
    completion when there is no quiz."""
    modules = [snapshot.module(module_slug)] if module_slug else snapshot.modules
    quiz_ids = [module.quiz_id for module in modules
                if module is not None and module.has_quiz and module.quiz_id is not None]
    if not quiz_ids:
        return float(SCORE_MAXIMUM)
    return round(sum(best.get(quiz_id, 0) for quiz_id in quiz_ids) / len(quiz_ids), 2)


def send_score(link: LtiGradeLink, score: float, finished: datetime) -> None:
    """Post one score to the link's line item (raises on a refusal or a network failure)."""
    platform = db.session.get(LtiPlatform, link.platform_id)
    subject = db.session.scalar(select(LtiAccount.subject).where(
        LtiAccount.user_id == link.user_id, LtiAccount.issuer == platform.issuer))
    grade = (Grade().set_score_given(score).set_score_maximum(SCORE_MAXIMUM)
             .set_timestamp(finished.isoformat()).set_activity_progress("Completed")
             .set_grading_progress("FullyGraded").set_user_id(subject))
    connector = FlaskServiceConnector(registration_for(platform), platform_session())
    service = AssignmentsGradesService(connector, {"scope": link.scopes,
                                                   "lineitem": link.lineitem_url})
    service.put_grade(grade)


def send_course_scores(user_id: int, course_id: int) -> int:
    """Send the learner's score for a course they completed to every line item still waiting
    for it; returns how many were sent. Raises on the first failure (the task retries; those
    already sent are marked and not sent again)."""
    finished = completed_at(user_id, course_id)
    links = unsent_grade_links(user_id, course_id) if finished else []
    if not links:
        return 0
    snapshot = published_snapshot(course_id)
    _, best, _ = learner_state(user_id)
    sent = 0
    for link in links:
        send_score(link, score_for(snapshot, best, link.module_slug), finished)
        link.sent_at = utcnow()
        db.session.commit()
        sent += 1
    return sent
