"""Certificate pages: my certificates, one certificate's status and PDF, the public verify page."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from lms.certificates import services
from lms.certificates.codes import normalise
from lms.certificates.facts import CertificateFacts
from lms.certificates.files import certificate_storage
from lms.certificates.forms import CodeForm, CorrectionForm, FileCheckForm, NameCheckForm
from lms.certificates.models import Certificate
from lms.certificates.pdf import qr_code
from lms.extensions import limiter
from lms.i18n import in_language
from lms.slugs import slugify

bp = Blueprint("certificates", __name__)
UNREADABLE = _l("Your certificate is safe, but its PDF cannot be read right now. Please try "
                "again later; if this keeps happening, tell us and we will fix it.")


def _verify_limit() -> str:
    return current_app.config["VERIFY_RATE_LIMIT"]


# One budget for every verify request, so typing codes and guessing names share it.
verify_limit = limiter.shared_limit(_verify_limit, scope="verify")


def viewable(certificate_id: int) -> Certificate:
    """The certificate for its holder or an admin; 404 for everyone else (existence is private)."""
    return services.certificate_for(current_user, certificate_id) or abort(404)


def download_name(certificate: Certificate) -> str:
    """e.g. certificate-restraint-and-seclusion-in-schools-lee-learner.pdf"""
    course = slugify(certificate.course_title.split(":")[0], max_length=60)
    holder = slugify(certificate.printed_name, fallback=certificate.code, max_length=40)
    return f"certificate-{course}-{holder}.pdf"


@bp.get("/my-certificates")
@login_required
def mine():
    return render_template("certificates/mine.html",
                           certificates=services.certificates_of(current_user.id))


@bp.get("/certificates/<int:certificate_id>")
@login_required
def show(certificate_id: int):
    certificate = viewable(certificate_id)
    facts = CertificateFacts.of(certificate)
    with in_language(facts.language):  # as issued: the PDF's words, whatever the page's
        sheet = render_template("certificates/_sheet.html", facts=facts,
                                qr_code=qr_code(facts.verify_url))
    return render_template("certificates/show.html", certificate=certificate, facts=facts,
                           can_download=certificate.may_download(current_user), sheet=sheet,
                           latest=services.latest_version(certificate))


@bp.get("/certificates/<int:certificate_id>/status")
@login_required
def status(certificate_id: int):
    """Polled by static/certificate-status.js while the PDF is being prepared."""
    certificate = viewable(certificate_id)
    return jsonify(
        status=certificate.status.value,
        download_url=(url_for("certificates.download", certificate_id=certificate.id)
                      if certificate.may_download(current_user) else None),
    )


@bp.get("/certificates/<int:certificate_id>/pdf")
@login_required
def download(certificate_id: int):
    certificate = viewable(certificate_id)
    if not certificate.may_download(current_user):
        abort(404)
    try:
        stream = certificate_storage().open(certificate.storage_key)
    except FileNotFoundError:
        abort(404)
    except OSError:  # e.g. written by a worker whose files this web process may not read
        current_app.logger.exception("Could not read certificate %s", certificate.code)
        abort(503, description=UNREADABLE)
    return send_file(stream, mimetype="application/pdf", as_attachment=True,
                     download_name=download_name(certificate))


@bp.route("/certificates/<int:certificate_id>/correction", methods=["GET", "POST"])
@login_required
@limiter.limit("5 per hour", methods=["POST"])
def correction(certificate_id: int):
    certificate = viewable(certificate_id)
    if not certificate.status.is_valid:
        abort(404)
    form = CorrectionForm()
    if form.validate_on_submit():
        services.request_correction(certificate, form.name.data)
        flash(_("We have asked for a corrected certificate. You will get an email when it is "
                "ready."), "success")
        return redirect(url_for("certificates.show", certificate_id=certificate.id))
    return (render_template("certificates/correction.html", certificate=certificate, form=form),
            400 if form.errors else 200)


@bp.get("/verify")
@verify_limit
def verify_form():
    form = CodeForm(request.args)
    if "code" in request.args and form.validate():
        return redirect(url_for("certificates.verify", code=normalise(form.code.data)))
    return (render_template("certificates/verify_form.html", form=form,
                            file_form=FileCheckForm(formdata=None)),
            400 if form.errors else 200)


@bp.route("/verify/<code>", methods=["GET", "POST"])
@verify_limit
def verify(code: str):
    canonical = normalise(code)
    if canonical and canonical != code:
        return redirect(url_for("certificates.verify", code=canonical))
    certificate = services.certificate_by_code(code)
    if certificate is None:
        return render_template("certificates/not_found.html", code=code,
                               form=CodeForm(formdata=None)), 404
    form = NameCheckForm()
    name_checked = form.validate_on_submit()
    response = current_app.make_response((render_template(
        "certificates/verify.html", certificate=certificate, form=form,
        name_checked=name_checked,
        name_matches=name_checked and services.name_matches(certificate, form.name.data),
        latest=services.latest_version(certificate),
    ), 400 if form.errors else 200))
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# The credential's endpoints and the file check join this blueprint.
from lms.certificates import credential_routes, verify_file  # noqa: E402, F401
