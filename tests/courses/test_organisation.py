"""The portal is the organisation's: its name, logo and links, from settings, never a course's."""
import pytest

from tests.helpers import text_of


@pytest.fixture
def app_config(app_config):
    return {**app_config, "SITE_NAME": "Family Rights Training", "ORGANISATION_NAME": "Org Inc.",
            "ORGANISATION_LOGO_URL": "/static/favicon.svg",
            "ORGANISATION_DONATE_URL": "https://donate.example.org/",
            "ORGANISATION_PRIVACY_URL": "https://org.example.org/privacy"}


def test_the_site_is_named_and_signed_by_the_organisation(client, course):
    html = client.get("/courses/mini/").get_data(as_text=True)
    assert "<title>Mini Course · Family Rights Training</title>" in html
    assert 'class="site-logo" src="/static/favicon.svg"' in html
    assert 'href="https://donate.example.org/">Donate</a>' in html
    assert 'href="https://org.example.org/privacy">Privacy</a>' in html
    assert "A service of Org Inc." in text_of(client.get("/"))


def test_the_issuer_profile_is_the_organisation(client, course):
    profile = client.get("/issuer").get_json()
    assert profile["name"] == "Org Inc."
    assert profile["image"] == {"id": "http://127.0.0.1:5000/static/favicon.svg", "type": "Image"}
