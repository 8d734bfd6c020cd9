"""Helpers for credential tests: a ready certificate, and a verifier that uses none of our code
(jwcrypto, a JOSE library the project does not use; keys fetched from the issuer profile)."""
import base64
import json
from urllib.parse import urlsplit

from jwcrypto import jwk, jwt

from lms.certificates.rendering import render_and_store
from tests.certificates.helpers import certificates, finish_course


def ready_certificate(app, client, auth, *, index=-1):
    """Finish the course as the learner and run the render (the worker's work) at once."""
    auth.login()
    finish_course(app, client)
    return render(app, index)


def render(app, index=-1):
    certificate = certificates(app)[index]
    with app.app_context():
        assert render_and_store(certificate.id)
    return certificates(app)[index]


def path_of(url: str) -> str:
    return urlsplit(url).path


def part(token: str, number: int) -> dict:
    segment = token.split(".")[number]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def verify_independently(client, token: str) -> dict:
    """What any verifier does: read the kid, fetch the issuer profile the credential names, take
    the key with that id, check the signature and the claims with jwcrypto. Returns the claims;
    raises jwcrypto's errors if anything does not hold."""
    header, unverified = part(token, 0), part(token, 1)
    assert header["alg"] == "EdDSA"
    response = client.get(path_of(unverified["issuer"]["id"]))
    assert response.status_code == 200
    profile = response.get_json(force=True)
    assert profile["id"] == unverified["issuer"]["id"]
    [method] = [m for m in profile["verificationMethod"] if m["id"] == header["kid"]]
    assert "d" not in method["publicKeyJwk"]  # never a private key
    key = jwk.JWK(**method["publicKeyJwk"])
    # check_claims: iss must be the profile; exp and nbf are checked whenever present.
    signed = jwt.JWT(jwt=token, key=key, algs=["EdDSA"], expected_type="JWS",
                     check_claims={"iss": profile["id"]})
    return json.loads(signed.claims)


def status_of(client, claims: dict) -> dict:
    assert claims["credentialStatus"]["type"] == "1EdTechRevocationList"
    response = client.get(path_of(claims["credentialStatus"]["id"]))
    assert response.status_code == 200
    return response.get_json()
