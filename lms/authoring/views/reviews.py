"""What is due for a check (issue 21 item 2), and "reviewed, no change" in one click."""
from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import reviews
from lms.authoring.blueprint import BUSY, bp, managed_course
from lms.authoring.draft import DraftBusy
from lms.authoring.forms import ReviewedForm
from lms.refusal import said


def _forms(items: list[reviews.DueItem], today: date) -> dict:
    """One form per item, offering to keep a next check that is still ahead."""
    forms = {}
    for item in items:
        ahead = item.check_again_by if item.check_again_by and item.check_again_by > today \
            else None
        forms[(item.kind, item.slug)] = ReviewedForm(
            formdata=None, prefix=f"{item.kind}-{item.slug}",
            data={"check_again_by": ahead, "check_again_for": item.check_again_for})
    return forms


def _page(today: date, status: int = 200, failed=None):
    course = managed_course()
    items = reviews.due_items(course.id, today)
    forms = _forms(items, today)
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template("authoring/reviews.html", course=course, items=items, forms=forms,
                           today=today), status


@bp.get("/reviews")
def reviews_due():
    return _page(date.today())


@bp.post("/reviews/<kind>/<slug>")
def mark_reviewed(kind: str, slug: str):
    if kind not in reviews.KINDS:
        abort(404)
    course = managed_course()
    today = date.today()
    form = ReviewedForm(prefix=f"{kind}-{slug}")
    if not form.validate_on_submit():
        flash(gettext("The review was not recorded: please correct the date below."), "error")
        return _page(today, 400, ((kind, slug), form))
    try:
        title = reviews.mark_reviewed(course, current_user.id, kind, slug, today,
                                      form.check_again_by.data, form.check_again_for.data or "")
    except reviews.ReviewRefused as refused:
        form.check_again_by.errors = [said(refused)]
        flash(said(refused), "error")
        return _page(today, 400, ((kind, slug), form))
    except DraftBusy:
        flash(str(BUSY), "error")
        return _page(today, 409)
    if title is None:
        abort(404)
    flash(gettext("“%(title)s” is marked as reviewed today. Learners see the new date now.",
                  title=title), "success")
    return redirect(url_for("authoring.reviews_due"))
