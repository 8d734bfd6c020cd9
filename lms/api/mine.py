"""What a learner's token reads: their own progress in each course, and their certificates."""
from sqlalchemy import select

from lms.catalogue.snapshot import StepKind
from lms.certificates.facts import verify_url
from lms.certificates.lookups import certificates_of
from lms.certificates.models import Certificate
from lms.courses.models import Course
from lms.extensions import db
from lms.progress.models import Enrolment
from lms.progress.overview import learner_courses


def _step(step) -> dict:
    return {"kind": "lesson" if step.kind is StepKind.LESSON else "quiz",
            "module": step.module.slug,
            "lesson": step.lesson.slug if step.kind is StepKind.LESSON else None}


def my_progress(user_id: int) -> list[dict]:
    """Each course the learner started and may still read, as My learning shows it."""
    enrolments = {row.course_id: row for row in db.session.scalars(
        select(Enrolment).where(Enrolment.user_id == user_id))}
    progress = []
    for entry in learner_courses(user_id, certificates=False):
        enrolment = enrolments.get(entry.snapshot.course_id)
        done = entry.progress
        progress.append({
            "course": entry.snapshot.course.slug, "title": entry.snapshot.course.title,
            "started_at": enrolment.started_at if enrolment else None,
            "completed_at": enrolment.completed_at if enrolment else None,
            "complete": done.is_complete, "items_done": done.items_done,
            "items_total": done.items_total, "missing": [_step(step) for step in done.missing]})
    return progress


def course_slugs(course_ids) -> dict[int, str]:
    return dict(db.session.execute(select(Course.id, Course.slug)
                                   .where(Course.id.in_(set(course_ids)))).all())


def certificate_fields(certificate: Certificate, slugs: dict[int, str]) -> dict:
    return {"code": certificate.code, "course": slugs.get(certificate.course_id),
            "course_title": certificate.course_title, "edition": certificate.edition,
            "status": certificate.status.value, "completed_at": certificate.completed_at,
            "issued_at": certificate.issued_at, "verify_url": verify_url(certificate.code)}


def my_certificates(user_id: int) -> list[dict]:
    """Every certificate issued to the learner, newest first, with its public verify link."""
    certificates = certificates_of(user_id)
    slugs = course_slugs(c.course_id for c in certificates)
    return [certificate_fields(certificate, slugs) for certificate in certificates]
