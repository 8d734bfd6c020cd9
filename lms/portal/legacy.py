"""The single-course addresses of before the catalogue, answered with a 301 to the same page of
the course that has it, so emailed links, bookmarks, printed handouts and search engines keep
working. A slug several courses share goes to the default course (lms/catalogue/listing.py).

The old forms' targets (marking a lesson complete, sending a quiz) answer 308, which keeps the
method and the body: a page opened or kept on a phone before the move still sends its form."""
from flask import Blueprint, abort, redirect, url_for

from lms.catalogue import listing

bp = Blueprint("legacy", __name__)


def _moved(endpoint: str, find=None, code: int = 301, **values):
    """A redirect to the endpoint in the first course (the default first) whose snapshot has
    it."""
    refs = listing.open_refs()
    default = listing.default_course_ref()
    if default is not None:
        refs = [default] + [ref for ref in refs if ref.id != default.id]
    for ref in refs:
        if find is None or find(ref.snapshot()) is not None:
            return redirect(url_for(endpoint, course=ref.slug, **values), code=code)
    abort(404)


@bp.get("/lessons/<slug>")
def lesson(slug: str):
    return _moved("learn.lesson", lambda snapshot: snapshot.lesson(slug), slug=slug)


@bp.route("/lessons/<slug>/complete", methods=["GET", "POST"])
def complete_lesson(slug: str):
    return _moved("learn.complete_lesson", lambda snapshot: snapshot.lesson(slug), code=308,
                  slug=slug)


@bp.get("/modules/<slug>")
def module(slug: str):
    return _moved("learn.module", lambda snapshot: snapshot.module(slug), slug=slug)


@bp.get("/modules/<slug>/quiz")
def quiz(slug: str):
    return _moved("learn.quiz", lambda snapshot: snapshot.module(slug), slug=slug)


@bp.post("/modules/<slug>/quiz")
def submit_quiz(slug: str):
    return _moved("learn.submit_quiz", lambda snapshot: snapshot.module(slug), code=308,
                  slug=slug)


@bp.get("/resources")
def resources():
    return _moved("learn.resources")


@bp.get("/resources/<slug>")
def resource(slug: str):
    return _moved("learn.resource", lambda snapshot: snapshot.resource(slug), slug=slug)


@bp.get("/resources/<slug>.pdf")
def resource_pdf(slug: str):
    return _moved("learn.resource_pdf", lambda snapshot: snapshot.resource(slug), slug=slug)


@bp.get("/glossary")
def glossary():
    return _moved("learn.glossary")


@bp.get("/introduction")
def introduction():
    return _moved("learn.introduction")
