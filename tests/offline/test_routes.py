"""The installable app's files: served with the right types and cache rules, under the CSP, and
a service worker whose list of pages is the crisis module and the handouts."""
import json
import re

from lms.security import CONTENT_SECURITY_POLICY
from tests.helpers import text_of
from tests.offline.helpers import publish_edited


def kit_of(response) -> dict:
    first_line = response.get_data(as_text=True).splitlines()[0]
    return json.loads(re.fullmatch(r"self\.OFFLINE_KIT = (.*);", first_line)[1])


def test_the_service_worker_is_served_from_the_root_as_javascript_and_always_revalidated(
        client, course):
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert set(response.headers["Cache-Control"].replace(" ", "").split(",")) == {
        "public", "no-cache"}
    assert client.get("/service-worker.js", headers={
        "If-None-Match": response.headers["ETag"]}).status_code == 304
    assert "addEventListener(\"fetch\"" in response.get_data(as_text=True)


def test_the_kit_is_the_crisis_module_and_every_handout(client, course):
    kit = kit_of(client.get("/service-worker.js"))
    assert kit["pages"] == ["/", "/courses/mini/modules/next-steps",
                            "/courses/mini/lessons/act-now",
                            "/courses/mini/lessons/later",
                            "/courses/mini/resources", "/courses/mini/resources/checklist",
                            "/courses/mini/resources/checklist.pdf"]
    assert kit["offline"] == "/offline"
    for asset in kit["assets"]:
        assert client.get(asset).status_code == 200, asset


def test_a_publish_changes_the_service_worker(client, course, runner, tmp_path):
    before = client.get("/service-worker.js")
    publish_edited(runner, tmp_path / "course", {
        "02-next-steps/01-act-now.md": ("What to do **now**.", "What to do **first**.")})
    after = client.get("/service-worker.js", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert kit_of(after)["version"] != kit_of(before)["version"]
    assert kit_of(after)["pages"] == kit_of(before)["pages"]


def test_the_manifest_makes_the_site_installable(client, course):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    assert "no-cache" in response.headers["Cache-Control"]
    manifest = response.get_json(force=True)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"]
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.mimetype == "image/png", icon
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert image.get_data()[16:24] == width.to_bytes(4, "big") + height.to_bytes(4, "big")


def test_favicons_are_there(client, course):
    assert client.get("/favicon.ico").mimetype == "image/vnd.microsoft.icon"
    page = client.get("/").get_data(as_text=True)
    svg = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)[1]
    assert client.get(svg).mimetype == "image/svg+xml"


def test_the_policy_lets_the_site_run_its_own_worker_and_manifest(client, course):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_offline_page_says_what_still_opens(client, course):
    response = client.get("/offline")
    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]  # the worker may keep it
    text = text_of(response)
    assert "This page needs a connection" in text
    assert "Act now" in text and "The checklist" in text and "First lesson" not in text


def test_the_offline_page_of_a_signed_in_person_is_not_stored(client, auth, learner, course):
    auth.login()
    assert client.get("/offline").headers["Cache-Control"] == "no-store"


def test_every_learner_page_has_its_own_description(client, course):
    descriptions = {}
    for url in ["/", "/courses/mini/", "/courses/mini/modules/basics",
                "/courses/mini/lessons/first-lesson",
                "/courses/mini/modules/basics/quiz",
                "/courses/mini/resources/checklist", "/courses/mini/glossary", "/login"]:
        page = client.get(url).get_data(as_text=True)
        [description] = re.findall(r'<meta name="description" content="([^"]*)">', page)
        assert description.strip(), url
        descriptions[url] = description
    assert descriptions["/courses/mini/"] == "A tiny course for tests."
    assert descriptions["/"] == descriptions["/login"]
    assert descriptions["/login"].startswith("Free courses for parents, caregivers and advocates")
    assert descriptions["/courses/mini/modules/basics"] == "The first module."
    assert descriptions["/courses/mini/resources/checklist"] == "Things to do."
    assert descriptions["/courses/mini/lessons/first-lesson"].startswith("First lesson: part of")
    assert len(set(descriptions.values())) >= 5


def test_the_kit_is_kept_in_the_language_the_reader_chose(client, course):
    """Bug 1 of the newcomer review: the worker fetches the kit without the reader's cookie, so a
    parent on an English phone who chose Español got it in English. The page registers the
    worker with its language; the worker asks for the kit's pages in it."""
    spanish_page = client.get("/courses/mini/lessons/first-lesson?lang=es").get_data(as_text=True)
    assert 'data-service-worker="/service-worker.js?lang=es"' in spanish_page
    english = kit_of(client.get("/service-worker.js?lang=en"))
    spanish = kit_of(client.get("/service-worker.js?lang=es"))
    assert (english["language"], spanish["language"]) == ("en", "es")
    assert spanish["pages"] == english["pages"]
    assert spanish["version"] != english["version"]  # a new choice: a new cache, the old dropped
    assert kit_of(client.get("/service-worker.js?lang=xx"))["language"] is None


def test_a_kit_page_fetched_as_the_worker_does_is_in_the_chosen_language_and_kept(app, course):
    """As service-worker.js keepCopy(): no cookie, the chosen language in Accept-Language."""
    worker = app.test_client()
    pages = kit_of(worker.get("/service-worker.js?lang=es"))["pages"] + ["/offline"]
    for path in [page for page in pages if not page.endswith(".pdf")]:  # PDFs: rendered on import
        response = worker.get(path, headers={"Accept-Language": "es"})
        assert response.status_code == 200, path
        rules = response.headers.get("Cache-Control", "")
        assert "private" not in rules and "no-store" not in rules, (path, rules)
        if response.mimetype == "text/html":
            assert '<html lang="es">' in response.get_data(as_text=True), path
