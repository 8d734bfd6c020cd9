"""The learner pages of one course, under /courses/<course>/: the course is resolved once, here.

A URL value preprocessor takes the course's slug out of the URL; before the view, the course is
opened (404 for an unknown course or a draft) and its published snapshot put in g.snapshot;
url_defaults puts the slug back into every url_for of a learner page made while serving that
course, so templates need not pass it.
"""
from flask import Blueprint, abort, current_app, g

from lms.catalogue import listing

bp = Blueprint("learn", __name__, url_prefix="/courses/<course>")


@bp.url_value_preprocessor
def pop_course(_endpoint, values) -> None:
    g.course_slug = values.pop("course")


@bp.before_request
def open_course() -> None:
    """After the app's own checks (CSRF among them): a form posted without its token is
    refused as such, whatever course it names."""
    ref = listing.course_ref(g.course_slug)
    if ref is None or not ref.visibility.open_to_learners:
        abort(404)
    g.course_ref = ref
    g.snapshot = ref.snapshot()


@bp.url_defaults
def keep_course(endpoint, values) -> None:
    if "course" in values or "snapshot" not in g:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "course"):
        values["course"] = g.snapshot.course.slug
