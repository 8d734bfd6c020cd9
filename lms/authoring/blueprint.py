"""The /manage/<course> blueprint and the rule every route under /manage/<course> obeys (the
authoring pages and the reports alike): the course's staff (trainers named for it) and admins
only. The course is resolved once, here, into g.course.

Below, what the authoring pages share, and the one place a refused change is answered: a page
says where the trainer goes if its change is refused (when_refused, back_when_refused), then
simply makes the change; the error handlers flash the reason and answer 409 or 400."""
from collections.abc import Callable

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from lms.authoring.archive import ArchiveRejected
from lms.authoring.draft import AuthoringError, DraftBusy
from lms.authoring.history import EditConflict
from lms.authoring.publishing import DraftChanged, PublishRefused
from lms.courses.models import Course
from lms.courses.staff import may_manage
from lms.extensions import db
from lms.refusal import said

bp = Blueprint("authoring", __name__, url_prefix="/manage/<course>")

VISITOR_MESSAGE = _l("Only trainers can manage the course. Please log in with a trainer account.")


def scope_to_managed_course(blueprint: Blueprint) -> None:
    """Give a blueprint under /manage/<course> its course and its guard."""
    blueprint.url_value_preprocessor(_pop_course)
    blueprint.url_defaults(_keep_course)
    blueprint.before_request(staff_required)


def _pop_course(_endpoint, values) -> None:
    g.course_slug = values.pop("course", None)


def _keep_course(endpoint, values) -> None:
    if "course" not in values and "course" in g and \
            current_app.url_map.is_endpoint_expecting(endpoint, "course"):
        values["course"] = g.course.slug


def staff_required():
    """Every /manage/<course> route, present and future: 403 for visitors, learners and
    trainers who are not staff of this course alike; 404 for a course that does not exist
    (said only to those who may manage courses).

    A visitor's 403 page offers a log-in link that comes back here; nothing about the course's
    drafts is revealed either way."""
    if not current_user.is_authenticated:
        return render_template("errors/error.html", code=403, message=VISITOR_MESSAGE,
                               login_next=request.full_path.rstrip("?")), 403
    if not current_user.is_trainer:
        abort(403)
    course = db.session.scalar(select(Course).where(Course.slug == g.course_slug))
    if course is None:
        abort(404)
    if not may_manage(current_user, course.id):
        abort(403)
    g.course = course
    return None


scope_to_managed_course(bp)


def managed_course() -> Course:
    """The course this /manage request is about (resolved and checked by the blueprint)."""
    return g.course


BUSY = _l("Others were saving changes at the same moment. Nothing was saved; please try again.")


def manage_url(anchor: str = "") -> str:
    """Manage course, scrolled to anchor (e.g. "lesson-<slug>")."""
    return url_for("authoring.manage") + (f"#{anchor}" if anchor else "")


def conflict_message(conflict: EditConflict) -> str:
    return gettext("Someone else saved a newer version (revision %(number)s) while you were "
             "editing. Your text is kept below and nothing was overwritten. Look at their change "
             "in the history, then save again to replace it.", number=conflict.current)


def delta() -> int:
    """The posted direction of a move: up is -1, anything else down (+1)."""
    return -1 if request.form.get("direction") == "up" else 1


def moved_url(anchor: str) -> str:
    """Manage course after a move by keyboard: the item's actions menu open and the focus (and
    so the view) on the same move button, so pressing Enter again moves it again. No #anchor:
    browsers skip autofocus on a page opened at a fragment."""
    direction = "up" if delta() == -1 else "down"
    return url_for("authoring.manage", moved=anchor, to=direction)


def when_refused(page: Callable[[int], ResponseReturnValue], status: int | None = None) -> None:
    """If the change this request makes is refused, answer page(status) under the flashed
    reason: the form again, with what the trainer wrote. The status is the handler's (below)
    unless given here."""
    g.when_refused = page, status


def back_when_refused(url: str, code: int = 302) -> None:
    """If the change this request makes is refused, go back to url, the reason flashed."""
    when_refused(lambda _status: redirect(url, code))


@bp.errorhandler(DraftBusy)
def draft_busy(_error: DraftBusy) -> ResponseReturnValue:
    return _refused(str(BUSY), 409)


@bp.errorhandler(AuthoringError)
def change_refused(error: AuthoringError) -> ResponseReturnValue:
    return _refused(said(error), 409)


@bp.errorhandler(PublishRefused)
@bp.errorhandler(ArchiveRejected)
def publish_refused(error: PublishRefused | ArchiveRejected) -> ResponseReturnValue:
    """A draft that changed under the trainer is a conflict; what cannot be published as it is,
    a bad request."""
    return _refused(said(error), 409 if isinstance(error, DraftChanged) else 400)


def _refused(message: str, status: int) -> ResponseReturnValue:
    flash(message, "error")
    page, fixed_status = g.get("when_refused") or (lambda _status: redirect(manage_url()), None)
    return page(fixed_status or status)
