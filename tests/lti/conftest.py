"""LTI fixtures: the test platform on loopback, registered with the tool as an admin would."""
from urllib.parse import parse_qs, urlsplit

import pytest

from lms.auth.models import Role
from lms.extensions import db
from lms.lti import platforms
from lms.lti.forms import deployment_ids
from tests.factories import make_user
from tests.lti.platform import CLIENT_ID, DEPLOYMENT_ID, TestPlatform, rsa_key


@pytest.fixture
def app_config(app_config):
    """The tool's key from the setting, made once per run: a new RSA key per test would cost a
    second each (the key made in the database: tests/lti/test_tool_key.py)."""
    return dict(app_config, LTI_PRIVATE_KEY=rsa_key("tool"))


@pytest.fixture
def platform():
    with TestPlatform() as running:
        yield running


@pytest.fixture
def registered(app, platform, course):
    """The platform registered (the admin pages are tested on their own), the mini course
    imported, and the platform knowing the tool's public keys."""
    with app.app_context():
        admin = make_user("admin@example.org", "Ada Admin", "x" * 12, Role.ADMIN)
        values = dict(platform.registration)
        values["deployment_ids"] = deployment_ids(values["deployment_ids"])
        platforms.register_platform(admin.id, values)
        db.session.commit()
    platform.tool_jwks = app.test_client().get("/lti/jwks").get_json()
    return platform


def start_login(client, platform, **extra) -> dict:
    """The platform's OIDC login initiation; returns the auth request's parameters."""
    response = client.post("/lti/login", data={
        "iss": platform.issuer, "login_hint": "user-42", "client_id": CLIENT_ID,
        "target_link_uri": "http://localhost/lti/launch", "lti_deployment_id": DEPLOYMENT_ID,
        **extra})
    assert response.status_code == 302, response.get_data(as_text=True)
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == platform.issuer + "/auth"
    return {name: values[0] for name, values in parse_qs(location.query).items()}


def launch(client, platform, claims_for, **token_options):
    """Login initiation, then the launch POST with an id_token of claims_for(nonce)."""
    auth = start_login(client, platform)
    token = platform.id_token(claims_for(auth["nonce"]), **token_options)
    return client.post("/lti/launch", data={"state": auth["state"], "id_token": token}), auth
