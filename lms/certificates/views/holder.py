"""What a holder (or an admin) does with a certificate: list them, see one, poll its PDF,
download the PDF and the credential, ask for a corrected name."""
from flask import abort, current_app, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from lms.certificates import corrections, lookups
from lms.certificates import credential as vc
from lms.certificates.blueprint import (
    bp,
    credential_limit,
    download_name,
    json_response,
    viewable,
)
from lms.certificates.facts import CertificateFacts
from lms.certificates.files import certificate_storage
from lms.certificates.forms import CorrectionForm
from lms.certificates.pdf import qr_code
from lms.extensions import limiter
from lms.i18n import in_language

UNREADABLE = _l("Your certificate is safe, but its PDF cannot be read right now. Please try "
                "again later; if this keeps happening, tell us and we will fix it.")


@bp.get("/my-certificates")
@login_required
def mine():
    return render_template("certificates/mine.html",
                           certificates=lookups.certificates_of(current_user.id))


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
                           latest=lookups.latest_version(certificate))


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
    """The link in every email about a certificate: after a reissue it leads to the current
    version; a revoked certificate's page says why there is nothing to correct."""
    certificate = viewable(certificate_id)
    latest = lookups.latest_version(certificate)
    if latest.id != certificate.id:
        return redirect(url_for("certificates.correction", certificate_id=latest.id))
    if certificate.status.is_revoked:
        flash(_("This certificate was withdrawn, so its name cannot be corrected. If you think "
                "that is a mistake, write to us."), "error")
        return redirect(url_for("certificates.show", certificate_id=certificate.id))
    form = CorrectionForm()
    if form.validate_on_submit():
        corrections.request_correction(certificate, form.name.data)
        flash(_("We have asked for a corrected certificate. You will get an email when it is "
                "ready."), "success")
        return redirect(url_for("certificates.show", certificate_id=certificate.id))
    return (render_template("certificates/correction.html", certificate=certificate, form=form,
                            waiting=corrections.open_request(certificate.id)),
            400 if form.errors else 200)


def _credential_download(certificate_id: int, suffix: str, response_for):
    """The holder's (or an admin's) stored credential as a file named like the PDF."""
    certificate = viewable(certificate_id)
    if not certificate.may_download(current_user) or not certificate.credential:
        abort(404)
    response = response_for(certificate.credential)
    name = download_name(certificate).removesuffix(".pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{suffix}"'
    return response


@bp.get("/certificates/<int:certificate_id>/credential.jwt")
@login_required
@credential_limit
def download_credential(certificate_id: int):
    return _credential_download(certificate_id, ".jwt", lambda token: current_app.response_class(
        token, mimetype="application/vc+jwt"))


@bp.get("/certificates/<int:certificate_id>/credential.json")
@login_required
@credential_limit
def credential_json(certificate_id: int):
    """The credential's readable content (unsigned: the .jwt is the proof)."""
    return _credential_download(certificate_id, ".json", lambda token: json_response(
        vc.payload_of(token), "application/vc+ld+json"))
