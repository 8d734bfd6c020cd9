"""The tool's key without the LTI_PRIVATE_KEY setting: made on first use, kept in the database,
and the same on every web host (hosts share only the database, Redis and the bucket)."""
import pytest

from tests.lti.platform import rsa_key


@pytest.fixture
def app_config(app_config):
    return dict(app_config, LTI_PRIVATE_KEY=None)


def test_the_key_is_made_once_and_every_host_publishes_it(app, another_app):
    first = app.test_client().get("/lti/jwks")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    [key] = first.get_json()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert "d" not in key and "p" not in key  # the public half only
    assert another_app.test_client().get("/lti/jwks").get_json() == {"keys": [key]}
    assert app.test_client().get("/lti/jwks").get_json() == {"keys": [key]}


def test_the_setting_gives_the_key(app):
    app.config["LTI_PRIVATE_KEY"] = rsa_key("tool")
    [key] = app.test_client().get("/lti/jwks").get_json()["keys"]
    app.config["LTI_PRIVATE_KEY"] = rsa_key("platform")
    [other] = app.test_client().get("/lti/jwks").get_json()["keys"]
    assert key["kid"] != other["kid"] and key["n"] != other["n"]
