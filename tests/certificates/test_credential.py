"""The Open Badges 3.0 credential, verified as an outsider would: jwcrypto (not our JOSE library)
with the key from the issuer profile URL, the status URL, and the OB 3.0 JSON schema."""
import hashlib
import io
import json
import os
import stat
from pathlib import Path

import jsonschema
import pypdf
import pytest
from jwcrypto.common import JWException

from lms import create_app
from lms.certificates import changes, keys, services
from lms.extensions import db
from lms.pdf import render_pdf
from tests.certificates.credentials import (
    part,
    path_of,
    ready_certificate,
    render,
    status_of,
    verify_independently,
)
from tests.certificates.helpers import certificates
from tests.conftest import FIXTURES, PASSWORD
from tests.factories import make_user
from tests.helpers import production_environment, text_of

SCHEMA = json.loads((FIXTURES / "openbadges" / "ob_v3p0_achievementcredential_schema.json")
                    .read_text())


def _download(client, certificate_id: int) -> str:
    response = client.get(f"/certificates/{certificate_id}/credential.jwt")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith('.jwt"')
    return response.get_data(as_text=True)


def test_the_downloaded_credential_verifies_with_another_jose_library(app, client, auth, course,
                                                                      learner):
    certificate = ready_certificate(app, client, auth)
    assert "Download the digital credential" in text_of(client.get("/my-certificates"))
    token = _download(client, certificate.id)
    claims = verify_independently(client, token)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["id"] == claims["jti"] and claims["id"].endswith(f"/verify/{certificate.code}")
    assert claims["iss"] == claims["issuer"]["id"] and claims["issuer"]["name"] == "Test Org"
    achievement = claims["credentialSubject"]["achievement"]
    assert (achievement["name"], achievement["version"]) == ("Mini Course", "1")
    assert achievement["creditsAvailable"] == 0.25
    assert "0.25 hours" in achievement["criteria"]["narrative"]
    # A certificate of completion does not expire: no validUntil, no exp to check.
    assert "validUntil" not in claims and "exp" not in claims
    assert claims["nbf"] == int(certificate.issued_at.timestamp())
    assert status_of(client, claims)["status"] == "valid"
    assert status_of(client, claims)["revokedCredentials"] == []
    readable = client.get(f"/certificates/{certificate.id}/credential.json")
    assert readable.headers["Content-Disposition"].endswith('.json"')
    assert readable.get_json(force=True) == claims


def test_the_credential_matches_the_open_badges_3_schema(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    claims = part(_download(client, certificate.id), 1)
    validator = jsonschema.Draft201909Validator(SCHEMA)
    assert [error.message for error in validator.iter_errors(claims)] == []
    # The check can fail: the schema refuses a credential without its issuer.
    assert not validator.is_valid({key: claims[key] for key in claims if key != "issuer"})


def test_the_recipient_is_a_salted_hash_of_the_email_never_the_email(app, client, auth, course,
                                                                     learner):
    certificate = ready_certificate(app, client, auth)
    token = _download(client, certificate.id)
    claims = part(token, 1)
    assert "learner@example.org" not in json.dumps(claims)
    [identity] = claims["credentialSubject"]["identifier"]
    assert identity["type"] == "IdentityObject" and identity["hashed"] is True
    expected = hashlib.sha256(("learner@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"


def test_one_altered_character_fails_verification(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    token = _download(client, certificate.id)
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    altered = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1:]
    with pytest.raises(JWException):
        verify_independently(client, ".".join((header, altered, signature)))
    verify_independently(client, token)  # the original still does


def test_the_pdf_carries_the_credential_and_its_hash_is_the_records(app, client, auth, course,
                                                                     learner):
    certificate = ready_certificate(app, client, auth)
    stored = client.get(f"/certificates/{certificate.id}/pdf").get_data()
    assert hashlib.sha256(stored).hexdigest() == certificate.sha256
    attached = pypdf.PdfReader(io.BytesIO(stored)).attachments["credential.jwt"][0]
    assert attached.decode() == _download(client, certificate.id) == certificate.credential


def test_the_credential_is_made_once_and_kept(app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    with app.app_context():
        db.session.execute(db.update(type(certificate)).values(status="failed"))
        db.session.commit()
    again = render(app)
    assert again.credential == certificate.credential and again.sha256 == certificate.sha256


def test_a_pdf_stored_before_a_failure_is_kept_whatever_the_worker_rendered_since(
        app, client, auth, course, learner):
    """WeasyPrint's bytes for the same HTML depend on what the process rendered before (its
    font subsets): a render after a failure must keep the stored file, whose hash a holder's
    copy is checked against, not make another."""
    certificate = ready_certificate(app, client, auth)
    with app.app_context():
        db.session.execute(db.update(type(certificate)).values(status="failed"))
        db.session.commit()
    render_pdf("<p>Zoë Quixotic-Wyvern, ÆØÅ 1234567890</p>",
               Path("certificates/certificate.css").read_text())  # another learner's, say
    again = render(app)
    assert again.status.is_ready and again.sha256 == certificate.sha256
    with app.app_context():
        stored = Path(app.config["CERTIFICATE_DIR"], certificate.storage_key).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == certificate.sha256


def test_a_revoked_certificates_credential_verifies_as_revoked(app, client, auth, course,
                                                               learner):
    certificate = ready_certificate(app, client, auth)
    token = _download(client, certificate.id)
    with app.app_context():
        changes.revoke(None, certificate.id, "Issued in error")
    claims = verify_independently(client, token)  # the signature still holds ...
    status = status_of(client, claims)             # ... but the status says revoked
    assert status["status"] == "revoked"
    assert status["revokedCredentials"] == [{"id": claims["id"],
                                             "revocationReason": "Issued in error"}]


def test_a_corrected_reissue_gets_a_new_credential_and_the_old_one_points_to_it(
        app, client, auth, course, learner):
    old = ready_certificate(app, client, auth)
    old_token = _download(client, old.id)
    with app.app_context():
        new = changes.reissue(None, old.id, "Lee A. Learner")
        new_id, new_code = new.id, new.code
    new = render(app)
    assert new.id == new_id and new.credential != old.credential
    old_status = status_of(client, verify_independently(client, old_token))
    assert old_status["status"] == "replaced"
    assert old_status["replacedBy"].endswith(f"/verify/{new_code}")
    assert old_status["revokedCredentials"][0]["id"] == old_status["credential"]
    new_claims = verify_independently(client, _download(client, new_id))
    assert status_of(client, new_claims)["status"] == "valid"


def test_rotating_the_key_keeps_old_credentials_verifying(app, client, auth, course, learner,
                                                          runner):
    certificate = ready_certificate(app, client, auth)
    old_token = _download(client, certificate.id)
    result = runner.invoke(args=["certificates", "rotate-key"])
    assert result.exit_code == 0 and "New signing key" in result.output
    profile = client.get("/issuer").get_json(force=True)
    assert len(profile["verificationMethod"]) == 2
    assert len(client.get("/.well-known/jwks.json").get_json(force=True)["keys"]) == 2
    verify_independently(client, old_token)
    # New credentials are signed with the new key.
    with app.app_context():
        changes.reissue(None, certificate.id, "Lee A. Learner")
    new = render(app)
    new_kid = part(new.credential, 0)["kid"]
    assert new_kid != part(old_token, 0)["kid"]
    assert new_kid == profile["verificationMethod"][1]["id"]
    verify_independently(client, new.credential)


def test_the_embedded_key_is_generated_once_owner_only(app, client, auth, course, learner):
    ready_certificate(app, client, auth)
    folder = Path(app.config["CERTIFICATE_KEY_DIR"])
    [key_file] = folder.iterdir()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    first = client.get("/issuer").get_json(force=True)["verificationMethod"]
    assert client.get("/issuer").get_json(force=True)["verificationMethod"] == first
    assert list(folder.iterdir()) == [key_file]


def test_production_refuses_to_start_without_a_signing_key(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    monkeypatch.delenv("CERTIFICATE_SIGNING_KEYS")
    with pytest.raises(RuntimeError, match="CERTIFICATE_SIGNING_KEYS must be set"):
        create_app()
    monkeypatch.setenv("CERTIFICATE_SIGNING_KEYS", '[{"kty": "oct", "k": "c2VjcmV0"}]')
    with pytest.raises(RuntimeError, match="Ed25519"):
        create_app()


def test_production_signs_with_the_key_from_the_environment(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    app = create_app()
    with app.app_context():
        [key] = keys.signing_keys()
        assert key.as_dict(private=True) == json.loads(os.environ["CERTIFICATE_SIGNING_KEYS"])[0]
    assert not Path(app.config["CERTIFICATE_KEY_DIR"]).exists()


def test_deleting_the_account_keeps_the_award_verifiable_without_personal_data(
        app, client, auth, course, learner):
    certificate = ready_certificate(app, client, auth)
    token = _download(client, certificate.id)
    with app.app_context():
        services.forget_holder(learner)
        db.session.commit()
    [forgotten] = certificates(app)
    assert forgotten.credential is None and forgotten.printed_name == ""
    claims = verify_independently(client, token)
    assert status_of(client, claims)["status"] == "valid"


def test_credential_endpoints_are_rate_limited(app, client, auth, course, learner):
    app.config["CREDENTIAL_RATE_LIMIT"] = "3 per minute"
    certificate = ready_certificate(app, client, auth)
    urls = ["/issuer", "/.well-known/jwks.json", f"/credentials/{certificate.code}/status"]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert client.get(f"/certificates/{certificate.id}/credential.jwt").status_code == 429


def test_an_unknown_code_has_no_status(client, course):
    response = client.get("/credentials/AAAA-BBBB-CCCC-DDDD/status")
    assert response.status_code == 404 and "No certificate" in response.get_json()["error"]
    assert path_of("https://x.example/credentials/A/status") == "/credentials/A/status"


def test_another_learner_cannot_download_someones_credential(app, client, auth, course,
                                                              learner):
    certificate = ready_certificate(app, client, auth)
    auth.logout()
    with app.app_context():
        make_user("other@example.org", "Other Person", PASSWORD)
    auth.login("other@example.org")
    for suffix in ("jwt", "json"):
        assert client.get(f"/certificates/{certificate.id}/credential.{suffix}").status_code == 404
