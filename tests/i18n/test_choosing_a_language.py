"""Choosing a language: the browser's first, then the control (a cookie), then the profile."""
import re
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select

from lms.auth.models import User
from lms.extensions import db
from lms.urls import local_path
from tests.conftest import PASSWORD
from tests.helpers import text_of

SPANISH_BROWSER = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def _saved_language(app, email="learner@example.org"):
    with app.app_context():
        return db.session.scalar(select(User.language).where(User.email == email))


def test_a_first_visit_follows_the_browsers_language(client, course):
    assert _html_lang(client.get("/courses/mini/glossary")) == "en"
    spanish = client.get("/courses/mini/glossary", headers=SPANISH_BROWSER)
    assert _html_lang(spanish) == "es"
    assert "Glosario" in text_of(spanish)


def test_every_page_offers_both_languages_each_marked_with_its_own(client, course):
    html = client.get("/courses/mini/resources").get_data(as_text=True)
    assert '<a href="/courses/mini/resources?lang=es" lang="es" hreflang="es">Español</a>' in html
    assert '<span lang="en" aria-current="true">English</span>' in html
    spanish = client.get("/courses/mini/resources?lang=es").get_data(as_text=True)
    assert ('<a href="/courses/mini/resources?lang=en" lang="en" hreflang="en">English</a>'
            in spanish)


def test_search_engines_get_absolute_alternates_from_the_public_address(app, client, course):
    """hreflang alternates must be absolute: each language, the page itself included, and an
    x-default without `?lang=` (the reader's browser decides); built on PUBLIC_BASE_URL, not on
    the host the request named. The on-page control stays a relative link."""
    app.config["PUBLIC_BASE_URL"] = "https://courses.example.org"
    html = client.get("/courses/mini/resources?lang=es",
                      base_url="http://internal-host").get_data(as_text=True)
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
        ("en", "https://courses.example.org/courses/mini/resources?lang=en"),
        ("es", "https://courses.example.org/courses/mini/resources?lang=es"),
        ("x-default", "https://courses.example.org/courses/mini/resources"),
    ]
    assert '<a href="/courses/mini/resources?lang=en" lang="en" hreflang="en">' in html


def test_the_control_keeps_the_rest_of_the_address_and_never_leaves_the_site(client, course):
    html = client.get("/login?next=/courses/mini/glossary").get_data(as_text=True)
    assert 'href="/login?next=%2Fcourses%2Fmini%2Fglossary&amp;lang=es"' in html
    # The link is built from the path alone: a host in the address cannot get into it.
    html = client.get("//evil.example/login", base_url="http://localhost").get_data(as_text=True)
    assert "evil.example" not in re.findall(r'hreflang="es" href="([^"]+)"', html)[0]


def test_choosing_spanish_is_remembered_in_a_cookie(client, course):
    first = client.get("/courses/mini/glossary?lang=es")
    assert _html_lang(first) == "es"
    assert "lang=es" in first.headers["Set-Cookie"]
    assert "private" in first.headers["Cache-Control"]  # a response that sets a cookie
    later = client.get(
        "/courses/mini/resources")  # no parameter, an English-speaking browser's header
    assert _html_lang(later) == "es"
    assert _html_lang(client.get("/courses/mini/resources?lang=en")) == "en"
    assert _html_lang(client.get("/courses/mini/glossary", headers=SPANISH_BROWSER)) == "en"


def test_an_unknown_language_is_ignored(client, course):
    response = client.get("/courses/mini/glossary?lang=xx")
    assert response.status_code == 200
    assert _html_lang(response) == "en"
    assert "Set-Cookie" not in response.headers


def test_a_learners_choice_is_saved_on_the_profile_and_wins_on_another_device(
        app, client, auth, learner, course):
    auth.login()
    assert _saved_language(app) is None
    client.get("/my-learning?lang=es")
    assert _saved_language(app) == "es"
    other_device = app.test_client()
    other_device.post("/login", data={"email": "learner@example.org",
                                      "password": PASSWORD})
    page = other_device.get("/my-learning", headers={"Accept-Language": "en"})
    assert _html_lang(page) == "es"
    assert "Mi aprendizaje" in text_of(page)
    other_device.get("/my-learning?lang=en")
    assert _saved_language(app) == "en"
    assert _html_lang(client.get("/my-learning")) == "en"


def test_pages_say_they_vary_by_language(client, course):
    for url in ("/", "/courses/mini/glossary", "/login"):
        vary = client.get(url).headers["Vary"]
        assert "Cookie" in vary and "Accept-Language" in vary, url


def test_a_spanish_visitor_never_gets_the_english_page_from_the_cache(client, course):
    english = client.get("/courses/mini/glossary")
    assert _html_lang(english) == "en"
    spanish = client.get("/courses/mini/glossary", headers=SPANISH_BROWSER)
    assert _html_lang(spanish) == "es"
    assert spanish.headers["ETag"] != english.headers["ETag"]
    again = client.get("/courses/mini/glossary", headers={**SPANISH_BROWSER,
                                             "If-None-Match": english.headers["ETag"]})
    assert again.status_code == 200
    assert _html_lang(again) == "es"
    assert _html_lang(client.get("/courses/mini/glossary")) == "en"


def test_the_profile_form_saves_the_language_too(app, client, auth, learner, course):
    auth.login()
    page = client.post("/profile", data={"name": "Lee Learner", "certificate_name": "",
                                         "language": "es"}, follow_redirects=True)
    assert "Su perfil se guardó." in text_of(page)
    assert _saved_language(app) == "es"
    assert '<option selected value="es">Español</option>' in page.get_data(as_text=True)
    client.post("/profile", data={"name": "Lee Learner", "certificate_name": "", "language": ""})
    assert _saved_language(app) is None
    client.post("/profile", data={"name": "Lee Learner", "certificate_name": "",
                                  "language": "xx"})
    assert _saved_language(app) is None  # not a language we have: nothing saved


def _language_links(html: str) -> list[str]:
    return (re.findall(r'<a href="([^"]*)" lang="[a-z]+" hreflang=', html)
            + [urlsplit(link)._replace(scheme="", netloc="").geturl() for link in
               re.findall(r'<link rel="alternate" hreflang="[a-z-]+" href="([^"]*)"', html)])


@pytest.mark.parametrize("path", ["/%5Cevil.example", "/%5C%5Cevil.example",
                                  "/%2F%5Cevil.example", "/%09/evil.example"])
def test_the_language_control_on_a_missing_page_stays_on_this_site(client, course, path):
    """N3: a browser reads /\\evil.example as a link to the host evil.example."""
    response = client.get(path)
    assert response.status_code == 404
    links = _language_links(response.get_data(as_text=True))
    assert links
    for link in links:
        assert local_path(link) == link and "evil" not in link, link
        assert urljoin("https://course.example.org/x/y", link).startswith(
            "https://course.example.org/"), link


def test_the_first_visitors_query_string_is_not_in_the_shared_page(client, course):
    """N4: the shared page is rendered once for every visitor: nothing from the first
    visitor's address may end up in it."""
    first = client.get("/courses/mini/resources?utm=%22spam%22&next=//evil.example")
    assert first.status_code == 200
    for response in (first, client.get("/courses/mini/resources")):
        html = response.get_data(as_text=True)
        assert "utm" not in html and "evil.example" not in html
        assert set(_language_links(html)) == {  # the control, the alternates and x-default
            "/courses/mini/resources?lang=es", "/courses/mini/resources?lang=en",
            "/courses/mini/resources"}


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Referer": "http://evil.example/page"},  # an older browser, no Sec-Fetch-Site
])
def test_a_link_from_another_site_does_not_change_the_saved_language(
        app, client, auth, learner, course, headers):
    """I1: a cross-site link or <img> with ?lang= must not switch a learner's pages and
    emails to a language they may not read. The page itself may show it."""
    auth.login()
    page = client.get("/courses/mini/glossary?lang=es", headers=headers)
    assert _html_lang(page) == "es"
    assert _saved_language(app) is None
    client.get("/courses/mini/glossary?lang=es", headers={"Sec-Fetch-Site": "same-origin"})
    assert _saved_language(app) == "es"
