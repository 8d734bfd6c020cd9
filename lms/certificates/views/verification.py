"""What a verifier checks, all rate limited: the /verify form, a code, an uploaded file; the
issuer profile with its keys (/issuer, /.well-known/jwks.json) and a credential's status."""
from urllib.parse import urljoin

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from lms.certificates import credential as vc
from lms.certificates import key_status, lookups
from lms.certificates.blueprint import bp, credential_limit, json_response, verify_limit
from lms.certificates.codes import normalise
from lms.certificates.file_check import MAX_FILE_BYTES, NotACertificateFile, check_file
from lms.certificates.forms import CodeForm, FileCheckForm, NameCheckForm
from lms.errors import MESSAGES
from lms.extensions import limiter
from lms.memory_uploads import in_memory_uploads

JSON_LD = "application/ld+json"
TOO_LARGE = _l("That file is over 5 MB. A certificate PDF we issue is far smaller, so this is "
               "not one of ours: check the file, or type the code printed on it instead.")
file_limit = limiter.limit(lambda: current_app.config["VERIFY_FILE_RATE_LIMIT"],
                           methods=["POST"])


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
    certificate = lookups.certificate_by_code(code)
    if certificate is None:
        return render_template("certificates/not_found.html", code=code,
                               form=CodeForm(formdata=None)), 404
    form = NameCheckForm()
    name_checked = form.validate_on_submit()
    response = current_app.make_response((render_template(
        "certificates/verify.html", certificate=certificate, form=form,
        name_checked=name_checked,
        name_matches=name_checked and lookups.name_matches(certificate, form.name.data),
        latest=lookups.latest_version(certificate),
    ), 400 if form.errors else 200))
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _file_page(status: int, **context):
    context.setdefault("form", CodeForm(formdata=None))
    context.setdefault("file_form", FileCheckForm(formdata=None))
    response = current_app.make_response(
        (render_template("certificates/verify_form.html", **context), status))
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.post("/verify/file")
@in_memory_uploads(MAX_FILE_BYTES)
@verify_limit
@file_limit
def verify_file():
    """Check a PDF or credential someone was given, in memory (never stored)."""
    form = FileCheckForm()
    if not form.validate_on_submit():
        return _file_page(400, file_form=form)
    data = form.file.data.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return _file_page(413, file_error=TOO_LARGE)
    try:
        verdict = check_file(data)
    except NotACertificateFile as problem:
        return _file_page(415, file_error=str(problem))
    return _file_page(200, verdict=verdict)


@bp.errorhandler(413)
def too_large(error):
    if request.endpoint == "certificates.verify_file":
        return _file_page(413, file_error=TOO_LARGE)
    return render_template("errors/error.html", code=413, message=MESSAGES[413]), 413


def _iso(moment) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _public_jwks() -> list[dict]:
    """Every key ever published, with its status: "active" (signs), "retired" (signed until
    retired_at; credentials it signed by then stay valid) or "revoked" (compromised at
    revoked_at: nothing it signed is trusted)."""
    jwks = []
    for life in key_status.key_lives():
        jwk = {**life.key.as_dict(private=False), "kid": vc.kid_for(life.key),
               "alg": vc.ALGORITHM, "use": "sig", "status": life.status}
        if life.retired_at:
            jwk["retired_at"] = _iso(life.retired_at)
        if life.compromised_at:
            jwk["revoked_at"] = _iso(life.compromised_at)
        jwks.append(jwk)
    return jwks


@bp.get("/issuer")
@credential_limit
def issuer():
    """The OB 3.0 issuer Profile, with every public key that ever signed a credential; a
    compromised one carries `revoked` (the W3C Controlled Identifiers property) too."""
    issuer_id = vc.issuer_url()
    methods = [{"id": jwk["kid"], "type": "JsonWebKey", "controller": issuer_id,
                "publicKeyJwk": jwk, **({"revoked": jwk["revoked_at"]}
                                        if "revoked_at" in jwk else {})}
               for jwk in _public_jwks()]
    return json_response({
        "@context": vc.CONTEXTS,
        "id": issuer_id,
        "type": ["Profile"],
        "name": current_app.config["ORGANISATION_NAME"],
        "url": current_app.config["ORGANISATION_URL"],
        "email": current_app.config["CONTACT_EMAIL"],
        **_logo(),
        "verificationMethod": methods,
    }, JSON_LD)


def _logo() -> dict:
    """OB 3.0 Profile.image, when the organisation has a logo (a path on this site)."""
    logo = current_app.config.get("ORGANISATION_LOGO_URL")
    if not logo:
        return {}
    return {"image": {"id": urljoin(current_app.config["PUBLIC_BASE_URL"] + "/", logo),
                      "type": "Image"}}


@bp.get("/.well-known/jwks.json")
@credential_limit
def jwks():
    """The same keys as a JWK Set (OB 3.0 implementation guide: the issuer's well-known JWKS)."""
    return json_response({"keys": _public_jwks()}, "application/jwk-set+json")


@bp.get("/credentials/<code>/status")
@credential_limit
def credential_status(code: str):
    """1EdTechRevocationList status of one credential: revokedCredentials lists it once it is
    revoked or replaced by a corrected reissue (with the replacement)."""
    certificate = lookups.certificate_by_code(code)
    if certificate is None:
        return json_response({"error": "No certificate has this code."}, status=404)
    state = lookups.credential_state(certificate)
    revoked = []
    if state.withdrawn:
        revoked.append({"id": state.credential_id, "revocationReason": state.reason})
    return json_response({
        "id": vc.status_url(certificate.code),
        "type": vc.STATUS_TYPE,
        "issuer": vc.issuer_url(),
        "credential": state.credential_id,
        "status": state.name,
        "revokedCredentials": revoked,
        **({"replacedBy": state.replaced_by} if state.replaced_by else {}),
    })
