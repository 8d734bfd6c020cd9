"""The rules for managing people: find them, change a role, deactivate or reactivate an
account, never leaving the site without an active admin; every change goes to the audit log."""

from sqlalchemy import or_, select

from lms import audit
from lms.auth import sessions
from lms.auth.models import Role, User
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.overview import CourseEntry, learner_courses
from lms.refusal import N_, Refusal

SEARCH_LIMIT = 50


class NotAllowed(Refusal):
    """The change would break a rule; the message says which, in words for the admin."""


def find_people(search: str) -> list[User]:
    """Accounts whose email or name contains the search text, newest first."""
    query = select(User).order_by(User.id.desc()).limit(SEARCH_LIMIT)
    search = search.strip()
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        query = query.where(or_(User.email.ilike(pattern, escape="\\"),
                                User.name.ilike(pattern, escape="\\")))
    return list(db.session.scalars(query))


def person_details(user_id: int) -> tuple[User, list[CourseEntry], list[Certificate]] | None:
    """The person, their progress in each course they started, and their certificates."""
    user = db.session.get(User, user_id)
    if user is None:
        return None
    progress = learner_courses(user.id)
    certificates = list(db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)
                                           .order_by(Certificate.issued_at.desc())))
    return user, progress, certificates


def _lock_admins() -> int:
    """Lock every active admin's row and count them: two admins demoting each other at the same
    moment must not both succeed. (SQLite's BEGIN IMMEDIATE already runs writers one by one.)"""
    ids = db.session.scalars(select(User.id).where(User.role == Role.ADMIN, User.active)
                             .with_for_update()).all()
    return len(ids)


def _locked_user(user_id: int) -> User:
    user = db.session.scalar(select(User).where(User.id == user_id).with_for_update()
                             .execution_options(populate_existing=True))
    if user is None:
        raise LookupError(user_id)
    return user


def keep_an_admin(user: User) -> None:
    """Refuse (NotAllowed) to take the site's last active admin away: demoted, deactivated or
    deleted. Locks the admins' rows, so the caller's change must commit in this transaction."""
    if user.role is Role.ADMIN and user.active and _lock_admins() <= 1:
        db.session.rollback()
        raise NotAllowed(N_("This is the last active admin. Make someone else an admin first."))


def change_role(actor_id: int, user_id: int, role: Role) -> bool:
    """Give the account a new role; returns False when it already had it."""
    user = _locked_user(user_id)
    if user.role is role:
        db.session.rollback()
        return False
    if role is not Role.ADMIN:
        keep_an_admin(user)
    audit.record(actor_id, "role changed", subject_id=user.id,
                 detail=f"{user.role.value} to {role.value}")
    user.role = role
    db.session.commit()
    return True


def set_active(actor_id: int, user_id: int, active: bool) -> bool:
    """Deactivate or reactivate the account; returns False when nothing changed."""
    user = _locked_user(user_id)
    if user.active is active:
        db.session.rollback()
        return False
    if not active:
        keep_an_admin(user)
        sessions.end_every_session(user)  # every browser and remember-me cookie, now
    audit.record(actor_id, "reactivated" if active else "deactivated", subject_id=user.id)
    user.active = active
    db.session.commit()
    return True


