"""Handouts in the draft: what a trainer sets on one in the browser (its text is in the files)."""
from flask import flash, redirect, render_template, request
from flask_babel import gettext
from flask_login import current_user

from lms.authoring.blueprint import bp, manage_url, managed_course, when_refused
from lms.authoring.course import set_handout_before_meeting
from lms.authoring.draft import find_handout, working_copy
from lms.authoring.forms import HandoutForm


@bp.route("/handouts/<slug>/edit", methods=["GET", "POST"])
def edit_handout(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    handout = find_handout(data, slug)
    # Filled from the handout only on GET: an unticked box sends nothing at all.
    form = HandoutForm(obj=handout if request.method == "GET" else None)
    if not form.validate_on_submit():
        return _handout_page(form, handout, 400 if form.errors else 200)
    when_refused(lambda status: _handout_page(form, handout, status))
    set_handout_before_meeting(course, current_user.id, slug, form.before_meeting.data)
    flash(gettext("Handout “%(title)s” is saved in the draft.", title=handout.title), "success")
    return redirect(manage_url(f"handout-{slug}"))


def _handout_page(form: HandoutForm, handout, status: int):
    return render_template("authoring/handout_form.html", form=form, handout=handout), status
