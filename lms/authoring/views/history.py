"""Revision history of a lesson, a quiz or the course fields: list, read, compare, restore."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from lms.auth.models import User
from lms.authoring import history as revisions  # history() below is the page
from lms.authoring.blueprint import back_when_refused, bp, managed_course
from lms.authoring.forms import ConfirmForm
from lms.courses.markdown import render_markdown
from lms.extensions import db
from lms.numbers import id_argument

NAMES = {"lesson": _l("Lesson"), "quiz": _l("Quiz of module"), "course": _l("Course details"),
         # The Spanish text of each (issue 23): its revisions are kept as the English ones.
         "lesson-es": _l("Spanish text of the lesson"),
         "quiz-es": _l("Spanish text of the quiz of module"),
         "course-es": _l("Spanish course details"),
         "intro-es": _l("Spanish introduction of the course"),
         "module-es": _l("Spanish text of the module"),
         "handout-es": _l("Spanish text of the handout"),
         "term-es": _l("Spanish text of the glossary term")}
MARKDOWN_KINDS = ("lesson", "lesson-es", "handout-es", "intro-es")


def _check_kind(kind: str) -> None:
    if kind not in revisions.KINDS:
        abort(404)


def _authors(items) -> dict[int, str]:
    ids = {r.author_id for r in items if r.author_id}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


@bp.get("/history/<kind>/<slug>")
def history(kind: str, slug: str):
    _check_kind(kind)
    course = managed_course()
    items = revisions.history(course.id, kind, slug)
    if not items and not revisions.exists(course, kind, slug):
        abort(404)
    return render_template("authoring/history.html", kind=kind, slug=slug, name=NAMES[kind],
                           items=items, authors=_authors(items))


@bp.get("/history/<kind>/<slug>/<int:number>")
def revision(kind: str, slug: str, number: int):
    _check_kind(kind)
    item = revisions.get_revision(managed_course().id, kind, slug, number)
    body_html = render_markdown(item.content.get("body_md") or "") \
        if kind in MARKDOWN_KINDS else None
    return render_template("authoring/revision.html", kind=kind, slug=slug, name=NAMES[kind],
                           item=item, lines=revisions.as_lines(kind, item.content),
                           body_html=body_html, authors=_authors([item]))


@bp.get("/history/<kind>/<slug>/diff")
def diff(kind: str, slug: str):
    _check_kind(kind)
    course = managed_course()
    old_n, new_n = (request.args.get("old", type=id_argument),
                    request.args.get("new", type=id_argument))
    if old_n is None or new_n is None:
        flash(gettext("Choose two revisions to compare."), "error")
        return redirect(url_for("authoring.history", kind=kind, slug=slug))
    old = revisions.get_revision(course.id, kind, slug, old_n)
    new = revisions.get_revision(course.id, kind, slug, new_n)
    return render_template("authoring/diff.html", kind=kind, slug=slug, name=NAMES[kind],
                           old=old, new=new, lines=revisions.diff(kind, old.content, new.content))


@bp.route("/history/<kind>/<slug>/<int:number>/restore", methods=["GET", "POST"])
def restore(kind: str, slug: str, number: int):
    _check_kind(kind)
    course = managed_course()
    item = revisions.get_revision(course.id, kind, slug, number)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("authoring/confirm_restore.html", form=form, kind=kind,
                               slug=slug, name=NAMES[kind], item=item)
    back_when_refused(url_for("authoring.history", kind=kind, slug=slug))
    new_number = revisions.restore(course, current_user.id, kind, slug, number)
    flash(gettext("Revision %(number)s is restored into the draft as revision %(new_number)s. "
                  "Publish to show it to learners.", number=number, new_number=new_number),
          "success")
    return redirect(url_for("authoring.history", kind=kind, slug=slug))
