"""Deep linking: a teacher picks a course, or one module of it, and the platform receives a
signed link to place, with a gradebook column for the score."""
from __future__ import annotations

from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from lms.catalogue import listing
from lms.catalogue.snapshot import Snapshot
from lms.lti.launches import CUSTOM, NOT_A_COURSE, LaunchRefused, Placement, placement_of

SCORE_MAXIMUM = 100  # scores go back as a percentage
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"


def offered_courses() -> list[Snapshot]:
    """The courses a teacher may place: those that take new learners, in catalogue order."""
    return [ref.snapshot() for ref in listing.open_refs() if ref.visibility.takes_new_learners]


def placement_chosen(choice: str) -> Placement:
    """The placement a picked option names: "<course>" or "<course>/<module>" (slugs)."""
    course, _, module = (choice or "").partition("/")
    placement = placement_of({CUSTOM: {"course": course, "module": module}})
    if not placement.course.visibility.takes_new_learners:  # archived: learners only finish
        raise LaunchRefused(NOT_A_COURSE)
    return placement


def title_of(placement: Placement) -> str:
    snapshot = placement.course.snapshot()
    if placement.module_slug is None:
        return snapshot.course.title
    return f"{snapshot.course.title}: {snapshot.module(placement.module_slug).title}"


def content_item(placement: Placement, launch_url: str) -> DeepLinkResource:
    """The link the platform places: it launches into the course (or module) and carries a
    line item, so the platform makes a gradebook column for the score."""
    custom = {"course": placement.course.slug}
    if placement.module_slug:
        custom["module"] = placement.module_slug
    title = title_of(placement)
    lineitem = (LineItem().set_score_maximum(SCORE_MAXIMUM).set_label(title)
                .set_resource_id(placement.course.slug).set_tag("course-score"))
    return (DeepLinkResource().set_url(launch_url).set_title(title)
            .set_custom_params(custom).set_lineitem(lineitem))


def return_url(claims: dict) -> str:
    return (claims.get(DEEP_LINKING_SETTINGS) or {}).get("deep_link_return_url") or ""
