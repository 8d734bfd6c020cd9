"""The invitation email, written by the worker (as lms/auth/account_mail.py writes the sign-up
link): the single-use link is made here, so it never travels through the queue or a log; only
its SHA-256 is stored."""
from celery import shared_task
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from lms.auth.models import User
from lms.auth.services import user_by_email
from lms.auth.tokens import INVITE, expire_unused_for_address, issue_token
from lms.courses.models import Course
from lms.extensions import db
from lms.i18n import in_language
from lms.mail import send_email
from lms.urls import public_url

INVITE_MAX_AGE = 7 * 24 * 60 * 60
INVITE_DAYS = INVITE_MAX_AGE // (24 * 60 * 60)


def email_invitation(email: str, role: str, course_ids: list[int], name: str, inviter_id: int,
                     language: str = "en") -> None:
    """Email the invitation link; a newer invitation to the address replaces older links. Sends
    nothing if the address has an account by now (made since the admin asked)."""
    if user_by_email(email) is not None:
        return
    expire_unused_for_address(email, INVITE)
    raw = issue_token(INVITE, email, INVITE_MAX_AGE,
                      payload={"role": role, "courses": course_ids, "name": name,
                               "by": inviter_id})
    db.session.commit()
    inviter = db.session.get(User, inviter_id)
    titles = list(db.session.scalars(select(Course.title).where(Course.id.in_(course_ids))
                                     .order_by(Course.position, Course.id)))
    with in_language(language):
        roles = {"learner": _("a learner"), "trainer": _("a trainer"), "admin": _("an admin")}
        courses = (_("\n\nYou will run these courses:\n%(titles)s",
                     titles="\n".join(f"- {title}" for title in titles)) if titles else "")
        send_email(email, _("You are invited to %(site)s",
                            site=current_app.config["ORGANISATION_NAME"]), _(
            "Hello,\n\n%(inviter)s invited you to %(site)s as %(role)s.%(courses)s\n\n"
            "Open this link to choose your name and password:\n%(link)s\n\n"
            "The link works once, for %(days)s days. If you did not expect this, ignore this "
            "email: no account is made unless you open the link.",
            inviter=inviter.name if inviter else _("An admin"),
            site=current_app.config["ORGANISATION_NAME"], role=roles.get(role, role),
            courses=courses, link=public_url("invitation.accept", token=raw), days=INVITE_DAYS))


@shared_task
def send_invitation(email: str, role: str, course_ids: list[int], name: str, inviter_id: int,
                    language: str = "en") -> None:
    email_invitation(email, role, course_ids, name, inviter_id, language)
