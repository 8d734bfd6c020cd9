"""Forged launches are refused with a 4xx and a page that says what to do, and sign nobody in:
a wrong signature, an unknown issuer or deployment, a replayed nonce, an expired token, a
token with no expiry, and `alg: none`."""
import time

import jwt
import pytest
from sqlalchemy import func, select, update

from lms.extensions import db
from lms.lti.models import LtiAccount, LtiPlatform
from tests.helpers import text_of
from tests.lti.conftest import launch, start_login
from tests.lti.platform import rsa_key


def assert_refused(app, client, response, says: str, status: int = 400):
    assert response.status_code == status
    page = text_of(response)
    assert "The course could not open" in page and says in page
    with app.app_context():
        assert db.session.scalar(select(func.count(LtiAccount.id))) == 0
    assert client.get("/my-learning").status_code == 302  # nobody signed in: to log in


def test_a_token_signed_with_another_key_is_refused(app, client, registered):
    # Same key id as the platform's, but not its key.
    response, _ = launch(client, registered, registered.resource_claims,
                         key=rsa_key("attacker"))
    assert_refused(app, client, response, "could not verify")


def test_alg_none_is_refused(app, client, registered):
    auth = start_login(client, registered)
    unsigned = jwt.encode(registered.resource_claims(auth["nonce"]), None, algorithm="none",
                          headers={"kid": registered.kid})
    response = client.post("/lti/launch", data={"state": auth["state"], "id_token": unsigned})
    assert_refused(app, client, response, "could not verify")


def test_an_expired_token_is_refused(app, client, registered):
    def expired(nonce):
        claims = registered.resource_claims(nonce)
        return {**claims, "iat": int(time.time()) - 3600, "exp": int(time.time()) - 600}

    response, _ = launch(client, registered, expired)
    assert_refused(app, client, response, "could not verify")


def test_a_token_without_expiry_is_refused(app, client, registered):
    def endless(nonce):
        claims = registered.resource_claims(nonce)
        del claims["exp"]
        return claims

    response, _ = launch(client, registered, endless)
    assert_refused(app, client, response, "could not verify")


def test_an_unknown_issuer_is_refused_at_login_and_at_launch(app, client, registered):
    login = client.post("/lti/login", data={"iss": "https://elsewhere.example",
                                            "login_hint": "x", "client_id": "tool-client-1"})
    assert_refused(app, client, login, "not registered")
    response, _ = launch(client, registered, lambda nonce: {
        **registered.resource_claims(nonce), "iss": "https://elsewhere.example"})
    assert_refused(app, client, response, "not registered")


def test_an_unknown_client_id_is_refused(app, client, registered):
    response, _ = launch(client, registered, lambda nonce: {
        **registered.resource_claims(nonce), "aud": ["someone-elses-client"]})
    assert_refused(app, client, response, "not registered")


def test_an_unknown_deployment_is_refused(app, client, registered):
    deployment = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
    response, _ = launch(client, registered, lambda nonce: {
        **registered.resource_claims(nonce), deployment: "deployment-of-another-school"})
    assert_refused(app, client, response, "deployment ID")


def test_a_nonce_the_tool_never_issued_is_refused(app, client, registered):
    auth = start_login(client, registered)
    token = registered.id_token(registered.resource_claims("made-up-nonce"))
    response = client.post("/lti/launch", data={"state": auth["state"], "id_token": token})
    assert_refused(app, client, response, "already used or has expired")


@pytest.fixture
def replayable(app, client, registered):
    """A launch that went through, and exactly what was posted."""
    auth = start_login(client, registered)
    token = registered.id_token(registered.resource_claims(auth["nonce"]))
    data = {"state": auth["state"], "id_token": token}
    assert client.post("/lti/launch", data=data).status_code == 302
    return auth, data


def test_the_same_launch_posted_twice_is_refused(app, client, replayable):
    _, data = replayable
    again = client.post("/lti/launch", data=data)
    assert again.status_code == 400
    assert "already used or has expired" in text_of(again)


def test_the_same_launch_posted_to_another_host_is_refused(another_app, replayable):
    auth, data = replayable
    replay = another_app.test_client()
    replay.set_cookie("lti1p3-" + auth["state"], auth["state"])
    again = replay.post("/lti/launch", data=data)
    assert again.status_code == 400
    assert "already used or has expired" in text_of(again)
    assert replay.get("/my-learning").status_code == 302


def test_a_platform_whose_keys_cannot_be_read_is_told_to_try_again(app, client, registered):
    with app.app_context():
        db.session.execute(update(LtiPlatform).values(key_set_url="http://127.0.0.1:9/jwks"))
        db.session.commit()
    response, _ = launch(client, registered, registered.resource_claims)
    assert_refused(app, client, response, "could not reach your learning platform")
