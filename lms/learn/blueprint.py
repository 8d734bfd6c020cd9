"""The learner pages of one course, under /courses/<course>/: the course is resolved once, here.

A URL value preprocessor opens the course named in the URL (404 for an unknown course or a
draft) and puts its published snapshot in g.snapshot; url_defaults puts the slug back into every
url_for of a learner page made while serving that course, so templates need not pass it.
"""
from flask import Blueprint, abort, current_app, g

from lms.catalogue import listing

bp = Blueprint("learn", __name__, url_prefix="/courses/<course>")


@bp.url_value_preprocessor
def open_course(_endpoint, values) -> None:
    ref = listing.course_ref(values.pop("course"))
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
