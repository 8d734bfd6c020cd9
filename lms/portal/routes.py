"""The portal's home (the catalogue of listed courses), My learning and the accessibility page."""
from flask import Blueprint, current_app, render_template
from flask_login import current_user

from lms.catalogue import listing
from lms.certificates.facts import hours_text
from lms.courses.hours import reading_minutes
from lms.extensions import login_manager
from lms.i18n import current_language
from lms.learn.cache import shared_page
from lms.progress import overview
from lms.progress.guest_cookie import current_guest
from lms.reminders import meetings

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
    snapshots = [ref.snapshot() for ref in listing.listed_refs()]
    progress = {}
    if current_user.is_authenticated:
        progress = {entry.snapshot.course_id: entry.progress
                    for entry in overview.learner_courses(current_user.id)}
    elif (guest := current_guest()) is not None:
        progress = {entry.snapshot.course_id: entry.progress
                    for entry in overview.guest_courses(guest)}
    courses = [dict(snapshot=snapshot, course=snapshot.course,
                    minutes=reading_minutes(snapshot.course),
                    languages=listing.languages(snapshot),
                    progress=progress.get(snapshot.course_id)) for snapshot in snapshots]
    urgent = [entry for entry in courses if entry["snapshot"].lesson(
        entry["course"].urgent_lesson or "") is not None]
    return render_template("portal/home.html", courses=courses, urgent=urgent)


@bp.get("/my-learning")
def my_learning():
    if not current_user.is_authenticated:
        return _guest_learning()
    entries = (overview.learner_courses(current_user.id)
               or overview.courses_to_start(current_user.id))
    return render_template("portal/my_learning.html", entries=entries, guest=False,
                           meeting_box=meetings.meeting_box(current_user.id, entries,
                                                            meetings.today()))


def _guest_learning():
    """My learning for this device's guest; a visitor with nothing kept is asked to log in."""
    guest = current_guest()
    if guest is None:
        return login_manager.unauthorized()
    return render_template("portal/my_learning.html", entries=overview.guest_courses(guest),
                           guest=True, meeting_box=None)


@bp.get("/accessibility")
def accessibility():
    return render_template("learn/accessibility.html",
                           contact=current_app.config["CONTACT_EMAIL"])
