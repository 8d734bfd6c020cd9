"""Invitations: an admin names a person's email, role and (for a trainer) the courses they
staff; the worker emails them a single-use link (lms/admin/invite_mail.py), and the account is
made, with that role and those courses, only when they choose their name and password there.

An address that already has an account is never invited nor changed: the admin is told, and
changes its role on the person's page. Every invitation is in the audit log."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select

from lms import audit
from lms.admin.invite_mail import send_invitation
from lms.auth.forms import has_hidden_character
from lms.auth.models import Role, User
from lms.auth.passwords import hash_password
from lms.auth.services import EmailTaken, create_user, normalise_email, user_by_email
from lms.auth.tokens import INVITE, consume_token, peek_token
from lms.courses.models import Course
from lms.courses.staff import add_staff
from lms.extensions import db
from lms.models_base import utcnow
from lms.queue import after_commit
from lms.refusal import N_

INVITED, HAS_ACCOUNT, REFUSED = "invited", "has account", "refused"
INVITED_ACTION, ACCEPTED_ACTION = "invited", "invitation accepted"

BAD_EMAIL = N_("This is not a valid email address.")
UNKNOWN_ROLE = N_("Unknown role “%(role)s”: use learner, trainer or admin.")
UNKNOWN_COURSE = N_("Unknown course “%(course)s”.")
COURSES_FOR_TRAINERS = N_("Only trainers are given courses (admins manage every course).")
BAD_NAME = N_("The name is longer than 120 characters or contains a hidden character.")
TWICE = N_("This address is already invited above.")
DAILY_LIMIT = N_("You have sent as many invitations as a day allows (%(limit)s). "
                 "Try again tomorrow.")


@dataclass
class Outcome:
    """What became of one invitation: invited, the address has an account (user_id), or
    refused for reason (a msgid, with params)."""

    email: str
    status: str
    reason: str = ""
    params: dict = field(default_factory=dict)
    user_id: int | None = None


@dataclass
class Invitation:
    email: str
    role: Role
    courses: list[Course]
    name: str


def all_courses() -> list[Course]:
    return list(db.session.scalars(select(Course).order_by(Course.position, Course.id)))


def left_today(actor_id: int) -> int:
    """How many more invitations this admin may send in the next 24 hours."""
    since = utcnow() - timedelta(days=1)
    sent = db.session.scalar(select(func.count(audit.AuditEvent.id)).where(
        audit.AuditEvent.actor_id == actor_id, audit.AuditEvent.action == INVITED_ACTION,
        audit.AuditEvent.at > since))
    return max(current_app.config["INVITATIONS_PER_DAY"] - sent, 0)


def check(email: str, role: str, course_slugs: list[str], name: str = "",
          courses: dict[str, Course] | None = None) -> Invitation | Outcome:
    """The invitation, or the Outcome that stops it (the first problem found)."""
    email = normalise_email(email or "")
    if len(email) > 254:
        return Outcome(email[:254] + "…", REFUSED, BAD_EMAIL)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return Outcome(email, REFUSED, BAD_EMAIL)
    existing = user_by_email(email)
    if existing is not None:
        return Outcome(email, HAS_ACCOUNT, user_id=existing.id)
    try:
        chosen_role = Role((role or "").strip().lower())
    except ValueError:
        return Outcome(email, REFUSED, UNKNOWN_ROLE, {"role": (role or "")[:40]})
    name = (name or "").strip()
    if len(name) > 120 or has_hidden_character(name):
        return Outcome(email, REFUSED, BAD_NAME)
    courses = courses if courses is not None else {c.slug: c for c in all_courses()}
    chosen = []
    for slug in dict.fromkeys(slug for slug in course_slugs if slug):
        if slug not in courses:
            return Outcome(email, REFUSED, UNKNOWN_COURSE, {"course": slug[:80]})
        chosen.append(courses[slug])
    if chosen and chosen_role is not Role.TRAINER:
        return Outcome(email, REFUSED, COURSES_FOR_TRAINERS)
    return Invitation(email, chosen_role, chosen, name)


def invite(actor_id: int, invitation: Invitation, language: str) -> Outcome:
    """Record the invitation and queue its email (sent once the caller commits)."""
    slugs = " ".join(course.slug for course in invitation.courses)
    audit.record(actor_id, INVITED_ACTION, target=f"invitation {invitation.email}",
                 detail=f"as {invitation.role.value}" + (f"; courses: {slugs}" if slugs else ""))
    after_commit(send_invitation, invitation.email, invitation.role.value,
                 [course.id for course in invitation.courses], invitation.name, actor_id,
                 language, if_lost="the invitation is not emailed")
    return Outcome(invitation.email, INVITED)


def invite_one(actor_id: int, email: str, role: str, course_slugs: list[str], name: str,
               language: str) -> Outcome:
    """One invitation from the People page's form; commits."""
    checked = check(email, role, course_slugs, name)
    if isinstance(checked, Outcome):
        return checked
    if left_today(actor_id) < 1:
        return Outcome(checked.email, REFUSED, DAILY_LIMIT,
                       {"limit": current_app.config["INVITATIONS_PER_DAY"]})
    outcome = invite(actor_id, checked, language)
    db.session.commit()
    return outcome


def _still_backed(token) -> bool:
    """An invitation stands while whoever sent it is still an active admin: one from an admin
    since demoted, deactivated or deleted makes no account (least of all an admin's)."""
    inviter = db.session.get(User, token.payload.get("by") or 0)
    return inviter is not None and inviter.active and inviter.is_admin


def invited_email(raw_token: str) -> tuple[str, str] | None:
    """(address, name the admin gave) of a still-usable invitation link."""
    token = peek_token(INVITE, raw_token)
    if token is None or not _still_backed(token):
        return None
    return token.email, token.payload.get("name", "")


def accept(raw_token: str, name: str, password: str, reminder_emails: bool,
           language: str | None) -> User | None:
    """Make the account the invitation names, with the name and password its owner chose; None
    when the link is used, expired, or its address has an account meanwhile. Commits."""
    password_hash = hash_password(password)  # the slow part, before the transaction writes
    token = consume_token(INVITE, raw_token)
    if token is None or not _still_backed(token):
        db.session.rollback()
        return None
    role = Role(token.payload["role"])
    try:
        user = create_user(token.email, name, password_hash, role, language=language)
    except EmailTaken:
        db.session.rollback()
        return None
    user.reminder_emails = bool(reminder_emails)
    course_ids = token.payload.get("courses", []) if role is Role.TRAINER else []
    # A course deleted since the invitation is skipped.
    for course_id in db.session.scalars(select(Course.id).where(Course.id.in_(course_ids))):
        add_staff(course_id, user.id)
    audit.record(user.id, ACCEPTED_ACTION, subject_id=user.id, target=f"invitation {user.email}",
                 detail=f"as {role.value}")
    db.session.commit()
    return user
