"""The credential's public endpoints (issuer profile with its keys, status) and its download
from "My certificates". Every one is rate limited (CREDENTIAL_RATE_LIMIT, one budget)."""
from flask import abort, current_app, jsonify
from flask_login import current_user, login_required

from lms.certificates import credential as vc
from lms.certificates import keys, services
from lms.certificates.routes import bp, download_name, viewable
from lms.extensions import limiter

credential_limit = limiter.shared_limit(lambda: current_app.config["CREDENTIAL_RATE_LIMIT"],
                                        scope="credentials")
JSON_LD = "application/ld+json"


def _public_jwks() -> list[dict]:
    return [{**key.as_dict(private=False), "kid": vc.kid_for(key), "alg": vc.ALGORITHM,
             "use": "sig"} for key in keys.signing_keys()]


def _json(data: dict, mimetype: str = "application/json", status: int = 200):
    response = jsonify(data)
    response.mimetype = mimetype
    response.status_code = status
    return response


@bp.get("/issuer")
@credential_limit
def issuer():
    """The OB 3.0 issuer Profile, with every public key that ever signed a credential."""
    issuer_id = vc.issuer_url()
    methods = [{"id": jwk["kid"], "type": "JsonWebKey", "controller": issuer_id,
                "publicKeyJwk": jwk} for jwk in _public_jwks()]
    return _json({
        "@context": vc.CONTEXTS,
        "id": issuer_id,
        "type": ["Profile"],
        "name": current_app.config["ORGANISATION_NAME"],
        "url": current_app.config["ORGANISATION_URL"],
        "email": current_app.config["CONTACT_EMAIL"],
        "verificationMethod": methods,
    }, JSON_LD)


@bp.get("/.well-known/jwks.json")
@credential_limit
def jwks():
    """The same keys as a JWK Set (OB 3.0 implementation guide: the issuer's well-known JWKS)."""
    return _json({"keys": _public_jwks()}, "application/jwk-set+json")


@bp.get("/credentials/<code>/status")
@credential_limit
def credential_status(code: str):
    """1EdTechRevocationList status of one credential: revokedCredentials lists it once it is
    revoked or replaced by a corrected reissue (with the replacement)."""
    certificate = services.certificate_by_code(code)
    if certificate is None:
        return _json({"error": "No certificate has this code."}, status=404)
    state = services.credential_state(certificate)
    revoked = []
    if state.withdrawn:
        revoked.append({"id": state.credential_id, "revocationReason": state.reason})
    return _json({
        "id": vc.status_url(certificate.code),
        "type": vc.STATUS_TYPE,
        "issuer": vc.issuer_url(),
        "credential": state.credential_id,
        "status": state.name,
        "revokedCredentials": revoked,
        **({"replacedBy": state.replaced_by} if state.replaced_by else {}),
    })


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
    return _credential_download(certificate_id, ".json", lambda token: _json(
        vc.payload_of(token), "application/vc+ld+json"))
