"""The admins' queue of correction requests: each holder's request, answered by reissuing the
certificate with the name (as asked, or corrected by the admin) or declined with a reason."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.admin.forms import DeclineForm, ReissueForm
from lms.admin.guard import admins_only
from lms.certificates import corrections
from lms.certificates.changes import NotAllowed
from lms.certificates.models import CorrectionRequest
from lms.extensions import db
from lms.refusal import said

bp = Blueprint("corrections", __name__, url_prefix="/admin")
bp.before_request(admins_only)


def prefix(request_id: int) -> str:
    """Each request's forms have their own field names (and ids) on the one page."""
    return f"request-{request_id}"


def _queue(status: int = 200, failed: int | None = None, **forms):
    """The queue; failed: the request whose submitted form (in forms) carries the errors."""
    requests = corrections.waiting()
    reissue_forms, decline_forms = {}, {}
    for request in requests:
        mine = forms if request.id == failed else {}
        reissue_forms[request.id] = mine.get("reissue") or ReissueForm(
            formdata=None, prefix=prefix(request.id), printed_name=request.requested_name)
        decline_forms[request.id] = mine.get("decline") or DeclineForm(
            formdata=None, prefix=prefix(request.id))
    return render_template("admin/corrections.html", requests=requests, failed=failed,
                           reissue_forms=reissue_forms, decline_forms=decline_forms), status


@bp.get("/corrections")
def queue():
    return _queue()


def _answer(request_id: int, name: str, form, answer, done):
    """Validate, answer and say so; 400, or 409 with the reason as a message at the top (an
    answered request is no longer on the page)."""
    db.session.get(CorrectionRequest, request_id) or abort(404)
    if not form.validate_on_submit():
        return _queue(400, request_id, **{name: form})
    try:
        result = answer(form)
    except NotAllowed as error:
        flash(said(error), "error")
        return _queue(409, request_id, **{name: form})
    flash(done(result), "success")
    return redirect(url_for("corrections.queue"))


@bp.post("/corrections/<int:request_id>/reissue")
def reissue(request_id: int):
    return _answer(request_id, "reissue", ReissueForm(prefix=prefix(request_id)),
                   lambda form: corrections.accept(current_user.id, request_id,
                                                   form.printed_name.data),
                   lambda new: gettext("Corrected certificate %(code)s issued; the holder is "
                                       "told by email.", code=new.code))


@bp.post("/corrections/<int:request_id>/decline")
def decline(request_id: int):
    return _answer(request_id, "decline", DeclineForm(prefix=prefix(request_id)),
                   lambda form: corrections.decline(current_user.id, request_id,
                                                    form.reason.data),
                   lambda _: gettext("The request is declined; the holder is told why by "
                                     "email."))
