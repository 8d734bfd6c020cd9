"""A signing key's life after it signed (security review I4): retired keys stop signing but what
they signed before keeps verifying; a compromised key's credentials verify as "signed with a key
we withdrew", and the issuer profile and JWKS say so. Both from the CLI, both in the audit log."""
import io
import json
import warnings
from datetime import timedelta

import pytest
from joserfc import jws

from lms.auth.models import Role
from lms.certificates import changes, keys
from lms.certificates import credential as vc
from lms.certificates.key_status import KeyProblem, SigningKeyState
from lms.extensions import db
from lms.models_base import utcnow
from tests.certificates.credentials import part, ready_certificate, render, verify_independently
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of


@pytest.fixture
def admin_client(app):
    """A second browser, an admin's."""
    with app.app_context():
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    other = app.test_client()
    other.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    return other


def _check(client, token: str):
    return text_of(client.post("/verify/file", data={"file": (io.BytesIO(token.encode()),
                                                              "credential.jwt")},
                               content_type="multipart/form-data"))


def _jwks(client) -> dict:
    return {key["kid"].rsplit("#key-", 1)[-1]: key
            for key in client.get("/.well-known/jwks.json").get_json(force=True)["keys"]}


def _download(client, certificate_id: int) -> str:
    return client.get(f"/certificates/{certificate_id}/credential.jwt").get_data(as_text=True)


def _first_key(app) -> str:
    with app.app_context():
        return keys.key_id(keys.signing_keys()[0])


def _resigned(app, token: str, **claims) -> str:
    """The token's payload with claims changed, signed with the first (leaked) key: a forgery."""
    with app.app_context():
        key = keys.signing_keys()[0]
    payload = {**part(token, 1), **claims}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jws.serialize_compact(part(token, 0), json.dumps(payload).encode(), key,
                                     algorithms=["EdDSA"])


def test_the_only_signing_key_cannot_be_retired(app, client, auth, course, learner, runner):
    ready_certificate(app, client, auth)
    result = runner.invoke(args=["certificates", "retire-key", "--", _first_key(app)])
    assert result.exit_code == 1 and "only key that signs" in result.output
    result = runner.invoke(args=["certificates", "retire-key", "--", "no-such-key"])
    assert result.exit_code == 1 and "No published signing key has the id" in result.output


def test_a_key_id_that_starts_with_a_dash_is_taken_as_the_key_id(app, runner):
    """A thumbprint is base64url: one in 64 starts with "-", and must not need "--" first."""
    for command in ("retire-key", "compromise-key"):
        result = runner.invoke(args=["certificates", command, "-no-such-key"])
        assert result.exit_code == 1, result.output
        assert "No published signing key has the id" in result.output
        assert "No such option" not in result.output


def test_a_retired_key_signs_nothing_new_and_its_old_credentials_still_verify(
        app, client, auth, course, learner, runner):
    certificate = ready_certificate(app, client, auth)
    old_token = _download(client, certificate.id)
    old_kid = _first_key(app)
    assert runner.invoke(args=["certificates", "rotate-key"]).exit_code == 0
    result = runner.invoke(args=["certificates", "retire-key", "--", part(old_token, 0)["kid"]])
    assert result.exit_code == 0 and f"Key {old_kid} is retired" in result.output
    published = _jwks(client)
    assert published[old_kid]["status"] == "retired" and "retired_at" in published[old_kid]
    assert [k["status"] for k in published.values()].count("active") == 1
    # What it signed before its retirement verifies as before ...
    verify_independently(client, old_token)
    assert "This credential is exactly as we signed it." in _check(client, old_token)
    # ... a credential claiming a later date, signed with it, is refused ...
    later = int((certificate.issued_at + timedelta(days=400)).timestamp())
    page = _check(client, _resigned(app, old_token, nbf=later))
    assert "signed with a key we had retired before the date it claims" in page
    assert "exactly as we signed it" not in page
    # ... and new credentials are signed with the new key.
    with app.app_context():
        changes.reissue(None, certificate.id, "Lee A. Learner")
    assert part(render(app).credential, 0)["kid"] != part(old_token, 0)["kid"]
    result = runner.invoke(args=["certificates", "retire-key", "--", old_kid])
    assert result.exit_code == 1 and "already retired" in result.output


def test_a_compromised_keys_credentials_verify_as_withdrawn(app, client, auth, course, learner,
                                                           runner):
    certificate = ready_certificate(app, client, auth)
    token = _download(client, certificate.id)
    assert "exactly as we signed it" in _check(client, token)
    kid = _first_key(app)
    result = runner.invoke(args=["certificates", "compromise-key", "--", kid])
    assert result.exit_code == 0 and "marked compromised" in result.output
    assert "No key signs now" in result.output
    page = _check(client, token)
    assert "signed with a key we withdrew" in page and "exactly as we signed it" not in page
    assert _jwks(client)[kid]["status"] == "revoked"
    [method] = client.get("/issuer").get_json(force=True)["verificationMethod"]
    assert method["publicKeyJwk"]["status"] == "revoked" and method["revoked"]
    # Nothing new is signed until a new key is added.
    with app.app_context():
        assert db.session.get(SigningKeyState, kid).compromised_at is not None
    assert runner.invoke(args=["certificates", "rotate-key"]).exit_code == 0
    with app.app_context():
        changes.reissue(None, certificate.id, "Lee A. Learner")
    new = render(app)
    assert part(new.credential, 0)["kid"] != part(token, 0)["kid"]
    assert "exactly as we signed it" in _check(client, new.credential)
    assert runner.invoke(args=["certificates", "compromise-key", "--", kid]).exit_code == 1


def test_key_changes_are_in_the_audit_log(app, client, auth, course, learner, admin_client,
                                         runner):
    ready_certificate(app, client, auth)
    kid = _first_key(app)
    runner.invoke(args=["certificates", "rotate-key"])
    runner.invoke(args=["certificates", "retire-key", "--", kid])
    runner.invoke(args=["certificates", "compromise-key", "--", kid])
    log = text_of(admin_client.get("/admin/audit"))
    for action in ("signing key added", "signing key retired", "signing key marked compromised"):
        assert f"the command line (on the server) {action} (signing key " in log
    assert f"(signing key {kid})" in log


def test_signing_needs_a_usable_key(app, course):
    with app.app_context():
        db.session.add(SigningKeyState(thumbprint=keys.key_id(keys.signing_keys()[0]),
                                       compromised_at=utcnow()))
        db.session.commit()
        with pytest.raises(KeyProblem, match="rotate-key"):
            vc.sign({"id": "https://example.org/verify/x"})
