"""What the platform holds about a person, as data they can download, and account deletion."""
from flask import current_app
from sqlalchemy import delete, or_, select, update

from lms.admin.audit import events_about
from lms.admin.people import keep_an_admin
from lms.audit import AuditEvent
from lms.auth.models import EmailToken, LoginSession, User
from lms.auth.passwords import verify_password
from lms.authoring.models import CourseDraft, Revision
from lms.certificates.files import delete_certificate_files
from lms.certificates.models import Certificate
from lms.certificates.services import forget_holder
from lms.courses.models import Course, Edition, Lesson, Module, Quiz
from lms.extensions import db
from lms.lti.models import LtiAccount, LtiGradeLink
from lms.progress.models import Enrolment, LessonCompletion, QuizAttempt, QuizPass
from lms.progress.tallies import forget_learner
from lms.reminders.models import CourseReminder, MeetingPlan
from lms.surveys.services import delete_answers, export_answers
from lms.webhooks import delivery_log as webhook_log


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user_id: int) -> dict:
    """Everything held about the user, in plain JSON-ready data."""
    user = db.session.get(User, user_id)
    enrolments = db.session.execute(
        select(Enrolment, Course.slug, Lesson.slug).join(Course, Enrolment.course_id == Course.id)
        .outerjoin(Lesson, Enrolment.last_lesson_id == Lesson.id)
        .where(Enrolment.user_id == user_id)).all()
    completions = db.session.execute(
        select(LessonCompletion, Lesson.slug, Lesson.title)
        .join(Lesson, LessonCompletion.lesson_id == Lesson.id)
        .where(LessonCompletion.user_id == user_id).order_by(LessonCompletion.completed_at)).all()
    attempts = db.session.execute(
        select(QuizAttempt, Module.slug).join(Quiz, QuizAttempt.quiz_id == Quiz.id)
        .join(Module, Quiz.module_id == Module.id)
        .where(QuizAttempt.user_id == user_id).order_by(QuizAttempt.submitted_at)).all()
    certificates = db.session.scalars(select(Certificate).where(Certificate.user_id == user_id)
                                      .order_by(Certificate.issued_at)).all()
    meeting = db.session.scalar(select(MeetingPlan).where(MeetingPlan.user_id == user_id))
    reminders = db.session.scalars(select(CourseReminder)
                                   .where(CourseReminder.user_id == user_id)).all()
    platforms = db.session.scalars(select(LtiAccount).where(LtiAccount.user_id == user_id)).all()
    return {
        "profile": {
            "email": user.email, "name": user.name, "certificate_name": user.certificate_name,
            "role": user.role.value, "created_at": _iso(user.created_at),
            "active": user.active, "reminder_emails": user.reminder_emails,
        },
        "meeting": meeting and {
            "date": meeting.meeting_on.isoformat(), "kind": meeting.kind.value,
            "reminder": meeting.remind, "reminded_at": _iso(meeting.reminded_at)},
        "course_reminders_sent": [
            {"count": r.sent_count, "last_sent_at": _iso(r.last_sent_at)} for r in reminders],
        "enrolments": [
            {"course": course_slug, "started_at": _iso(e.started_at),
             "completed_at": _iso(e.completed_at), "last_lesson": lesson_slug}
            for e, course_slug, lesson_slug in enrolments],
        "lessons_completed": [
            {"lesson": slug, "title": title, "completed_at": _iso(c.completed_at)}
            for c, slug, title in completions],
        "quiz_attempts": [
            {"module": module_slug, "submitted_at": _iso(a.submitted_at), "score": a.score,
             "passed": a.passed, "answers": a.answers}
            for a, module_slug in attempts],
        "certificates": [
            {"code": c.code, "status": c.status.value, "printed_name": c.printed_name,
             "course": c.course_title, "edition": c.edition,
             "completed_at": _iso(c.completed_at), "issued_at": _iso(c.issued_at),
             "revoked_reason": c.revoked_reason or None, "sha256": c.sha256}
            for c in certificates],
        "survey": export_answers(user_id),
        "learning_platforms": [  # who the LTI platforms that launched them say they are
            {"issuer": p.issuer, "subject": p.subject, "linked_at": _iso(p.created_at)}
            for p in platforms],
        "account_changes_by_admins": [
            {"at": _iso(event.at), "action": event.action, "detail": event.detail}
            for event in events_about(user_id)],
    }


def delete_account(user: User, password: str) -> bool:
    """Delete the account and all personal data, after the password confirms it is them (an
    account with no password, opened from a learning platform, is confirmed by the caller).
    The site's last active admin cannot: NotAllowed (lms/admin/people.py)."""
    if user.has_password and not verify_password(user.password_hash, password):
        return False
    keep_an_admin(user)
    stored_pdfs = forget_holder(user.id)
    # The history keeps what was written, but no longer links to who wrote it. (Done here
    # rather than left to ON DELETE SET NULL, which SQLite does not enforce by default.) An
    # audit entry keeps its author's snapshot (actor_account, actor_name: lms/audit.py).
    for column in (Revision.author_id, CourseDraft.created_by, Edition.published_by,
                   AuditEvent.actor_id, AuditEvent.subject_id):
        db.session.execute(update(column.class_).where(column == user.id).values({column: None}))
    forget_learner(user.id)  # out of the report counts too
    webhook_log.forget_learner(user.id)
    for model in (LessonCompletion, QuizAttempt, QuizPass, Enrolment, LoginSession,
                  MeetingPlan, CourseReminder, LtiAccount, LtiGradeLink):
        db.session.execute(delete(model).where(model.user_id == user.id))
    delete_answers(user.id)
    db.session.execute(delete(EmailToken).where(
        or_(EmailToken.user_id == user.id, EmailToken.email == user.email)))
    db.session.delete(user)
    db.session.commit()
    for code, key in stored_pdfs:
        try:
            delete_certificate_files(code, key)
        except OSError:  # the account is gone either way; the log says a PDF is left to delete
            current_app.logger.exception("Could not delete a deleted account's certificate PDF")
    # Logged for accountability, deliberately without any personal data (not even the id).
    current_app.logger.info("An account was deleted at its owner's request.")
    return True
