"""The /manage blueprint and the rule every route in it obeys: trainers and admins only."""
from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

bp = Blueprint("authoring", __name__, url_prefix="/manage")

VISITOR_MESSAGE = _l("Only trainers can manage the course. Please log in with a trainer account.")


@bp.before_request
def trainer_required():
    """Every /manage route, present and future: 403 for visitors and learners alike.

    A visitor's 403 page offers a log-in link that comes back here; nothing about the course's
    drafts is revealed either way."""
    if not current_user.is_authenticated:
        return render_template("errors/error.html", code=403, message=VISITOR_MESSAGE,
                               login_next=request.full_path.rstrip("?")), 403
    if not current_user.is_trainer:
        abort(403)
    return None
