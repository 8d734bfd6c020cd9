"""Admin pages for certificates: list them, and change one: revoke (with a reason), reinstate
within CERTIFICATE_REINSTATE_DAYS (with a reason), reissue with a corrected name from any
state, queue a failed render again. The rules are in lms/certificates/changes.py."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import or_, select

from lms.admin.audit import events_for
from lms.admin.forms import ReinstateForm, ReissueForm, RenderAgainForm, RevokeForm
from lms.admin.guard import admins_only
from lms.certificates import changes, lookups, services
from lms.certificates.codes import normalise
from lms.certificates.corrections import open_request
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.models_base import utcnow
from lms.refusal import said

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(admins_only)
PAGE_SIZE = 100


@bp.get("/certificates")
def certificates():
    search = (request.args.get("q") or "").strip()[:120]
    query = select(Certificate).order_by(Certificate.id.desc()).limit(PAGE_SIZE)
    if search:
        query = query.where(or_(Certificate.code == (normalise(search) or ""),
                                Certificate.printed_name.ilike(f"%{search}%")))
    return render_template("admin/certificates.html", certificates=db.session.scalars(query).all(),
                           search=search)


def _page(certificate_id: int, status: int = 200, **forms):
    certificate = db.session.get(Certificate, certificate_id) or abort(404)
    until = changes.reinstate_until(certificate)
    versions = lookups.versions(certificate)
    return render_template(
        "admin/certificate.html", certificate=certificate,
        revoke_form=forms.get("revoke") or RevokeForm(formdata=None),
        reissue_form=forms.get("reissue") or ReissueForm(formdata=None),
        reinstate_form=forms.get("reinstate") or ReinstateForm(formdata=None),
        render_form=RenderAgainForm(formdata=None),
        latest=lookups.latest_version(certificate),
        reinstate_until=until, may_reinstate=until is not None and utcnow() <= until,
        correction=open_request(certificate.id), versions=versions,
        events=events_for([changes.target(version) for version in versions]),
    ), status


@bp.get("/certificates/<int:certificate_id>")
def certificate(certificate_id: int):
    return _page(certificate_id)


def _change(certificate_id: int, name: str, form, change, done):
    """Validate the form, make the change and say so; 400, or 409 with the reason, if not (as
    a message at the top: the form may not be on the page any more)."""
    certificate = db.session.get(Certificate, certificate_id) or abort(404)
    if not form.validate_on_submit():
        return _page(certificate_id, 400, **{name: form})
    try:
        result = change(form)
    except (changes.NotAllowed, services.NotAllowed) as error:
        flash(said(error), "error")
        return _page(certificate_id, 409, **{name: form})
    flash(done(certificate, result), "success")
    return redirect(url_for("admin.certificate",
                            certificate_id=getattr(result, "id", None) or certificate_id))


@bp.post("/certificates/<int:certificate_id>/revoke")
def revoke(certificate_id: int):
    return _change(certificate_id, "revoke", RevokeForm(),
                   lambda form: changes.revoke(current_user.id, certificate_id, form.reason.data),
                   lambda old, _: gettext("Certificate %(code)s is revoked.", code=old.code))


@bp.post("/certificates/<int:certificate_id>/reinstate")
def reinstate(certificate_id: int):
    return _change(certificate_id, "reinstate", ReinstateForm(),
                   lambda form: changes.reinstate(current_user.id, certificate_id,
                                                  form.reason.data),
                   lambda old, _: gettext("Certificate %(code)s is valid again.", code=old.code))


@bp.post("/certificates/<int:certificate_id>/reissue")
def reissue(certificate_id: int):
    return _change(certificate_id, "reissue", ReissueForm(),
                   lambda form: changes.reissue(current_user.id, certificate_id,
                                                form.printed_name.data),
                   lambda old, new: gettext("Corrected certificate %(new)s issued; %(old)s now "
                                            "points to it.", new=new.code, old=old.code))


@bp.post("/certificates/<int:certificate_id>/render")
def render_again(certificate_id: int):
    return _change(certificate_id, "render", RenderAgainForm(),
                   lambda form: services.requeue_render(certificate_id, current_user.id),
                   lambda old, _: gettext("The render of %(code)s is queued again.",
                                          code=old.code))
