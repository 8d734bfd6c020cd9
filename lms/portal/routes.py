"""The portal's home (the catalogue of listed courses), My learning and the accessibility page."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.catalogue import listing
from lms.certificates.facts import hours_text
from lms.courses.hours import reading_minutes
from lms.extensions import login_manager
from lms.i18n import current_language
from lms.learn.cache import learner_page, pages_across_courses, shared_page
from lms.progress import device, overview
from lms.progress.guest_cookie import current_guest
from lms.progress.guest_cookie import forget as forget_guest_cookie
from lms.reminders import meetings
from lms.urls import local_path

bp = Blueprint("portal", __name__)


@bp.app_context_processor
def portal_names() -> dict:
    return {"site_name": site_name, "hours_text": hours_text}


def site_name() -> str:
    """The organisation's portal name (a setting), in the reader's language where one is set."""
    config = current_app.config
    if current_language() == "es" and config.get("SITE_NAME_ES"):
        return config["SITE_NAME_ES"]
    return config["SITE_NAME"]


@bp.get("/")
@shared_page
def home():
    refs = listing.listed_refs()
    snapshots = [ref.snapshot() for ref in refs]
    progress = {}
    if current_user.is_authenticated:
        progress = {entry.snapshot.course_id: entry.progress for entry in
                    overview.learner_courses(current_user.id, certificates=False)}
    elif (guest := current_guest()) is not None:
        progress = {entry.snapshot.course_id: entry.progress
                    for entry in overview.guest_courses(guest, refs)}
    courses = [dict(snapshot=snapshot, course=snapshot.course,
                    minutes=reading_minutes(snapshot.course),
                    languages=listing.languages(snapshot),
                    progress=progress.get(snapshot.course_id)) for snapshot in snapshots]
    urgent = [entry for entry in courses if entry["snapshot"].lesson(
        entry["course"].urgent_lesson or "") is not None]

    def render(**extra):
        return render_template("portal/home.html", courses=courses, urgent=urgent, **extra)

    if current_user.is_authenticated:
        # All it shows of a learner is how far along each course they are.
        return learner_page(tuple((ref.id, ref.version, *_counts(progress.get(ref.id)))
                                  for ref in refs), render, pages_across_courses())
    return render()


def _counts(progress) -> tuple:
    return (progress.items_done, progress.items_total) if progress else ()


@bp.get("/my-learning")
def my_learning():
    if not current_user.is_authenticated:
        return _guest_learning()
    entries = (overview.learner_courses(current_user.id)
               or overview.courses_to_start(current_user.id))
    box = meetings.meeting_box(current_user.id, entries, meetings.today())

    def render(**extra):
        return render_template("portal/my_learning.html", entries=entries, guest=False,
                               meeting_box=box, **extra)

    return learner_page(overview.page_state(entries, current_user.printed_name)
                        + (box.state,), render, pages_across_courses())


def _guest_learning():
    """My learning for this device's guest; a visitor with nothing kept is asked to log in."""
    guest = current_guest()
    if guest is None:
        return login_manager.unauthorized()
    return render_template("portal/my_learning.html", entries=overview.guest_courses(guest),
                           guest=True, meeting_box=None)


@bp.route("/my-learning/this-device", methods=["GET", "POST"])
@login_required
def device_progress():
    """Progress a visitor made on this browser: add it to this account, or leave it (N8)."""
    guest = current_guest()
    next_url = local_path(request.values.get("next")) or url_for("portal.my_learning")
    if guest is None:  # nothing (left) on this device, e.g. another tab chose already
        return redirect(next_url)
    if request.method == "GET":
        return render_template("portal/device_progress.html", entries=device.courses(guest),
                               next_url=next_url)
    choice = request.form.get("choice")
    if choice == "add":
        outcome = device.add_to_account(guest, current_user.id)
        forget_guest_cookie()
        if outcome is not None and outcome.carried_anything:
            flash(_("What you did on this device is now kept in your account."), "success")
        if outcome is not None and outcome.certificates:
            flash(_("You have completed the course. Well done! Your certificate is being "
                    "prepared."), "success")
    elif choice == "leave":
        device.leave_on_device(guest)
        flash(_("The progress on this device was left as it was. It is not in your account."),
              "success")
    else:
        abort(400)
    return redirect(next_url)


@bp.post("/my-learning/forget-this-device")
def forget_device():
    """A visitor deletes the progress this browser keeps (N8: there was no way to)."""
    guest = None if current_user.is_authenticated else current_guest()
    if guest is not None:
        device.forget_device(guest)
        forget_guest_cookie()
        flash(_("The progress kept on this device has been deleted."), "success")
    return redirect(url_for("portal.home"))


@bp.get("/accessibility")
def accessibility():
    return render_template("learn/accessibility.html",
                           contact=current_app.config["CONTACT_EMAIL"])
