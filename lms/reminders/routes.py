"""The "Before your meeting" page, and the one-click unsubscribe link of reminder emails."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.catalogue import listing
from lms.extensions import csrf
from lms.progress import overview
from lms.reminders import meetings
from lms.reminders.forms import MeetingForm
from lms.reminders.models import MeetingKind
from lms.reminders.unsubscribe import ONE_CLICK, read_token, unsubscribe

bp = Blueprint("reminders", __name__)


@bp.route("/my-learning/meeting", methods=["GET", "POST"])
@login_required
def meeting():
    plan = meetings.meeting_plan(current_user.id)
    # Filled from the plan only on GET: an unticked box sends nothing at all.
    form = MeetingForm(obj=plan if request.method == "GET" else None)
    today = meetings.today()
    status = 200
    if form.validate_on_submit():
        try:
            meetings.save_meeting(current_user.id, form.meeting_on.data,
                                  MeetingKind(form.kind.data), form.remind.data, today)
            flash(_("Your meeting is saved. Here is what to read and print before it."),
                  "success")
            return redirect(url_for("reminders.meeting"))
        except meetings.MeetingDateRefused as refused:
            form.meeting_on.errors = [str(refused)]
            status = 400
    elif form.errors:
        status = 400
    entries = overview.learner_courses(current_user.id) or [
        overview.CourseEntry(ref.snapshot(), None) for ref in listing.listed_refs()]
    return render_template("reminders/meeting.html", form=form, plan=plan,
                           plans=meetings.course_plans(entries),
                           today=today, days_left=meetings.days_left), status


@bp.post("/my-learning/meeting/remove")
@login_required
def remove_meeting():
    if meetings.remove_meeting(current_user.id):
        flash(_("Your meeting is removed. No reminder will be sent for it."), "success")
    return redirect(url_for("reminders.meeting"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"], endpoint="unsubscribe")
@csrf.exempt  # RFC 8058: mail clients POST without cookies or a token; the signed link is enough
def unsubscribe_link(token: str):
    found = read_token(token)
    if found is None:
        return render_template(
            "errors/error.html", code=404,
            message="This unsubscribe link is not complete or was changed. Please open the "
                    "whole link from the email, or turn reminders off on your profile."), 404
    user_id, stream = found
    if request.method == "GET":  # mail scanners open links: only a POST unsubscribes
        return render_template("reminders/unsubscribe.html", stream=stream, done=False)
    if f"List-Unsubscribe={request.form.get('List-Unsubscribe')}" != ONE_CLICK:
        return render_template(
            "errors/error.html", code=400,
            message="Use the “Unsubscribe” button on the unsubscribe page."), 400
    unsubscribe(user_id, stream)
    return render_template("reminders/unsubscribe.html", stream=stream, done=True)
