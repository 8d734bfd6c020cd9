"""The authoring blueprints, with every route module attached (importing them registers routes)."""
from lms.authoring import (  # noqa: F401 - imported for their @bp.route registrations
    routes_course,
    routes_handouts,
    routes_history,
    routes_io,
    routes_lessons,
    routes_preview,
    routes_quiz,
    routes_reviews,
    routes_spanish,
    routes_translations,
)
from lms.authoring.blueprint import bp
from lms.authoring.routes_io import public_bp

__all__ = ["bp", "public_bp"]
