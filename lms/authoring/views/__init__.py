"""The authoring pages, one file for each thing a trainer edits (its rules are in the file of the
same name one level up). Importing this package registers every page on the blueprint: this is
the only list of them."""
from lms.authoring.blueprint import bp
from lms.authoring.views import (
    archive,
    changes,
    course,
    handouts,
    history,
    images,
    lessons,
    modules,
    preview,
    quizzes,
    reviews,
    translations,
)
from lms.authoring.views.images import public_bp

__all__ = ["archive", "bp", "changes", "course", "handouts", "history", "images", "lessons",
           "modules", "preview", "quizzes", "reviews", "translations", "public_bp"]
