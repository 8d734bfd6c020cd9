"""Admin pages: list certificates, revoke one with a reason, reissue one with a corrected name,
queue a failed render again."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import or_, select

from lms.admin.forms import ReissueForm, RenderAgainForm, RevokeForm
from lms.certificates import lookups, services
from lms.certificates.codes import normalise
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.refusal import said

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 100


@bp.before_request
def admins_only():
    # 404, not 403: the admin area's existence is nobody else's business.
    if not (current_user.is_authenticated and current_user.is_admin):
        abort(404)


@bp.get("/certificates")
def certificates():
    search = (request.args.get("q") or "").strip()[:120]
    query = select(Certificate).order_by(Certificate.id.desc()).limit(PAGE_SIZE)
    if search:
        query = query.where(or_(Certificate.code == (normalise(search) or ""),
                                Certificate.printed_name.ilike(f"%{search}%")))
    return render_template("admin/certificates.html", certificates=db.session.scalars(query).all(),
                           search=search)


def _page(certificate: Certificate, revoke_form=None, reissue_form=None, status=200):
    return render_template("admin/certificate.html", certificate=certificate,
                           revoke_form=revoke_form or RevokeForm(formdata=None),
                           reissue_form=reissue_form or ReissueForm(formdata=None),
                           render_form=RenderAgainForm(formdata=None),
                           latest=lookups.latest_version(certificate)), status


@bp.get("/certificates/<int:certificate_id>")
def certificate(certificate_id: int):
    return _page(db.session.get(Certificate, certificate_id) or abort(404))


@bp.post("/certificates/<int:certificate_id>/revoke")
def revoke(certificate_id: int):
    certificate = db.session.get(Certificate, certificate_id) or abort(404)
    form = RevokeForm()
    if not form.validate_on_submit():
        return _page(certificate, revoke_form=form, status=400)
    try:
        services.revoke(certificate.id, form.reason.data)
    except services.NotAllowed as error:
        form.reason.errors = [said(error)]
        return _page(db.session.get(Certificate, certificate_id), revoke_form=form, status=409)
    flash(gettext("Certificate %(code)s is revoked.", code=certificate.code), "success")
    return redirect(url_for("admin.certificate", certificate_id=certificate_id))


@bp.post("/certificates/<int:certificate_id>/reissue")
def reissue(certificate_id: int):
    certificate = db.session.get(Certificate, certificate_id) or abort(404)
    form = ReissueForm()
    if not form.validate_on_submit():
        return _page(certificate, reissue_form=form, status=400)
    try:
        new = services.reissue_corrected(certificate.id, form.printed_name.data)
    except services.NotAllowed as error:
        form.printed_name.errors = [said(error)]
        return _page(db.session.get(Certificate, certificate_id), reissue_form=form, status=409)
    flash(gettext("Corrected certificate %(new)s issued; %(old)s now points to it.", new=new.code,
            old=certificate.code), "success")
    return redirect(url_for("admin.certificate", certificate_id=new.id))


@bp.post("/certificates/<int:certificate_id>/render")
def render_again(certificate_id: int):
    certificate = db.session.get(Certificate, certificate_id) or abort(404)
    if not RenderAgainForm().validate_on_submit():
        return _page(certificate, status=400)
    try:
        services.requeue_render(certificate.id)
    except services.NotAllowed as error:
        flash(said(error), "error")
        return _page(db.session.get(Certificate, certificate_id), status=409)
    flash(gettext("The render of %(code)s is queued again.", code=certificate.code), "success")
    return redirect(url_for("admin.certificate", certificate_id=certificate_id))
