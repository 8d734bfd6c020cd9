"""What a validated resource-link launch does: finds where it leads (the course, or a module of
it, that a teacher placed), links the person to their account, and remembers where their grade
goes. The launch itself (signature, nonce, deployment) is validated by pylti1p3 before this."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lms.auth.models import User
from lms.catalogue import listing
from lms.catalogue.listing import CourseRef
from lms.extensions import db
from lms.lti.accounts import account_for
from lms.lti.models import LtiGradeLink, LtiPlatform
from lms.progress.models import Enrolment
from lms.queue import after_commit
from lms.refusal import N_, Refusal

CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


SEND_SCORES = "lms.lti.tasks.send_scores"  # by name: the task module imports what imports this


class LaunchRefused(Refusal):
    """A launch that was valid but leads nowhere here; the message says why."""


class LaunchForbidden(LaunchRefused):
    """A launch of a person who may not come in (a deactivated account)."""


NOT_A_COURSE = N_("This link does not lead to a course of ours. Ask the teacher to place the "
                  "course again.")


@dataclass(frozen=True)
class Placement:
    """Where a placed link leads: a course, and a module of it or None for the whole course."""

    course: CourseRef
    module_slug: str | None = None


def placement_of(claims: dict) -> Placement:
    """The course (and module) a launch's custom parameters name (set by deep linking, or by
    hand in the platform as course=<slug>, module=<slug>)."""
    custom = claims.get(CUSTOM) or {}
    slug = str(custom.get("course") or "")
    ref = listing.course_ref(slug) if slug else None
    if ref is None or not ref.visibility.open_to_learners:
        raise LaunchRefused(NOT_A_COURSE)
    module_slug = str(custom.get("module") or "") or None
    if module_slug and ref.snapshot().module(module_slug) is None:
        raise LaunchRefused(N_("The part of the course this link leads to is no longer "
                               "there. Ask the teacher to place it again."))
    return Placement(ref, module_slug)


def platform_of(issuer: str, client_id: str) -> LtiPlatform:
    return db.session.scalar(select(LtiPlatform).where(LtiPlatform.issuer == issuer,
                                                       LtiPlatform.client_id == client_id))


def remember_grade_link(platform: LtiPlatform, user: User, placement: Placement,
                        claims: dict) -> LtiGradeLink | None:
    """Keep where this learner's score for the course goes, when the platform gave a line item
    and the right to post scores to it."""
    endpoint = claims.get(AGS_ENDPOINT) or {}
    lineitem, scopes = endpoint.get("lineitem"), list(endpoint.get("scope") or [])
    if not lineitem or SCORE_SCOPE not in scopes:
        return None
    link = db.session.scalar(select(LtiGradeLink).where(
        LtiGradeLink.platform_id == platform.id, LtiGradeLink.user_id == user.id,
        LtiGradeLink.lineitem_url == lineitem))
    if link is None:
        link = LtiGradeLink(platform_id=platform.id, user_id=user.id, lineitem_url=lineitem)
        db.session.add(link)
    link.course_id = placement.course.id
    link.module_slug = placement.module_slug
    link.resource_link_id = str((claims.get(RESOURCE_LINK) or {}).get("id") or "")[:255]
    link.scopes = scopes
    return link


def queue_unsent_scores(user_id: int, course_id: int) -> None:
    """Queue the score's journey to the platforms (after the commit) when a completed course
    has a line item still waiting for it: one indexed query, and no task for anyone else."""
    waiting = db.session.scalar(select(LtiGradeLink.id).where(
        LtiGradeLink.user_id == user_id, LtiGradeLink.course_id == course_id,
        LtiGradeLink.sent_at.is_(None)).limit(1))
    if waiting is not None:
        after_commit(SEND_SCORES, user_id, course_id,
                     if_lost="the score is sent at the learner's next launch")


def sign_in_launch(platform: LtiPlatform, claims: dict) -> tuple[User, Placement]:
    """The account and place a resource-link launch leads to (in the caller's transaction)."""
    placement = placement_of(claims)
    if not claims.get("sub"):
        raise LaunchRefused(N_("Your learning platform did not say who you are, so your "
                               "progress could not be kept. Ask its administrator to send "
                               "the user's identity to this tool."))
    user = account_for(claims["iss"], str(claims["sub"]), claims)
    if not user.active:
        raise LaunchForbidden(N_("This account has been deactivated. Please contact us."))
    link = remember_grade_link(platform, user, placement, claims)
    if link is not None and link.sent_at is None and _completed(user.id, placement.course.id):
        queue_unsent_scores(user.id, placement.course.id)  # finished before this link existed
    return user, placement


def _completed(user_id: int, course_id: int) -> bool:
    return db.session.scalar(select(Enrolment.completed_at).where(
        Enrolment.user_id == user_id, Enrolment.course_id == course_id)) is not None
