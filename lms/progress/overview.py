"""A learner's progress in every course they started, for My learning, the catalogue and the
meeting plan: a fixed number of queries however many courses there are."""
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, select

from lms.catalogue import listing
from lms.catalogue.published import snapshot_at
from lms.catalogue.snapshot import Snapshot
from lms.certificates.models import Certificate, CertificateStatus
from lms.extensions import db
from lms.progress import guests, services
from lms.progress.models import Guest
from lms.progress.services import CourseProgress, progress_from


@dataclass(frozen=True)
class CourseEntry:
    snapshot: Snapshot
    progress: CourseProgress
    certificate: Certificate | None = None


def learner_courses(user_id: int, certificates: bool = True) -> list[CourseEntry]:
    """Each course the learner started and may still read, in catalogue order, with their
    progress and (unless certificates=False) newest certificate, completing a course first
    where it became complete without a step of theirs."""
    courses, completed, best, places = services.enrolled_state(user_id)
    if not courses:
        return []
    # A certificate is issued only where a course's completion is recorded (its enrolment's
    # completed_at, which nothing clears): a learner with none has no certificate to read.
    recorded = any(place.completed for place in places.values())
    issued = _certificates(user_id) if certificates and recorded else {}
    entries = []
    for course_id, version in courses:
        snapshot = snapshot_at(course_id, version)
        progress = progress_from(snapshot, completed, best, places.get(course_id))
        if progress.is_complete and not progress.completion_recorded:
            progress = services.current_progress(user_id, snapshot)
            issued = _certificates(user_id) if certificates else {}
        entries.append(CourseEntry(snapshot, progress, issued.get(course_id)))
    return entries


def page_state(entries: list[CourseEntry], printed_name: str) -> tuple:
    """All My learning shows of a learner's courses, as a key: each course's version, module
    by module progress, next step, steps still to do and certificate; the name the
    certificate will print only where the page shows it (one step left, no certificate)."""
    state = []
    for entry in entries:
        progress, certificate = entry.progress, entry.certificate
        missing = tuple(step.key for step in progress.missing)
        state.append((
            entry.snapshot.course_id, entry.snapshot.version,
            tuple((m.module_slug, m.lessons_done, m.quiz_passed, m.best_score)
                  for m in progress.modules),
            progress.next_step.key if progress.next_step else None, missing,
            (certificate.id, certificate.status, certificate.revoked_at,
             certificate.superseded_at) if certificate else None,
            printed_name if len(missing) == 1 and certificate is None else None))
    return tuple(state)


def courses_to_start(user_id: int) -> list[CourseEntry]:
    """For a learner who has started no course yet: each listed course, nothing done, so My
    learning shows where to begin."""
    completed, best, _ = services.learner_state(user_id)
    return [CourseEntry(snapshot, progress_from(snapshot, completed, best, None))
            for snapshot in (ref.snapshot() for ref in listing.listed_refs())]


def _certificates(user_id: int) -> dict[int, Certificate]:
    """The learner's newest certificate of each course that is not superseded."""
    newest: dict[int, Certificate] = {}
    for certificate in db.session.scalars(_certificates_query(), {"user_id": user_id}):
        newest[certificate.course_id] = certificate
    return newest


@cache
def _certificates_query():
    """Built once (My learning builds it on every request otherwise)."""
    return (select(Certificate)
            .where(Certificate.user_id == bindparam("user_id"),
                   Certificate.status != CertificateStatus.SUPERSEDED)
            .order_by(Certificate.id))


def guest_courses(guest: Guest, refs: list | None = None) -> list[CourseEntry]:
    """Each course (of refs; default: every course a learner may read) this device's guest took
    a step in, with its progress."""
    completed, best, places = guests.guest_state(guest)
    entries = []
    for ref in refs if refs is not None else listing.open_refs():
        snapshot = ref.snapshot()
        if completed & snapshot.lesson_ids or best.keys() & snapshot.quiz_ids:
            entries.append(CourseEntry(snapshot, progress_from(snapshot, completed, best,
                                                               places.get(ref.id))))
    return entries
