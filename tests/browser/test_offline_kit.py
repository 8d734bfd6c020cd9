"""The crisis kit in a real Chromium: after one visit online, the crisis module and the handouts
open with the network off, other pages say they need a connection, and a publish reaches the
copy kept on the phone at the next visit online."""
import pytest

from tests.browser.accessibility import page_problems
from tests.browser.conftest import log_in, open_menu
from tests.conftest import PASSWORD
from tests.helpers import wait_for
from tests.offline.helpers import publish_edited

pytestmark = [pytest.mark.service_worker, pytest.mark.stored_files]

KIT_PAGES = {"/courses/mini/modules/next-steps": "Next steps",
             "/courses/mini/lessons/act-now": "Act now",
             "/courses/mini/lessons/later": "Later", "/courses/mini/resources": "Handouts",
             "/courses/mini/resources/checklist": "The checklist"}
NEEDS_A_CONNECTION = "This page needs a connection"
SITE_BLUE = "rgb(7, 55, 99)"
SPANISH_CHECKLIST = "La lista"
# The worker registered for the new choice has taken over (not only filled its cache).
SPANISH_WORKER_IN_CHARGE = "(navigator.serviceWorker.controller || {scriptURL: ''}).scriptURL"

CACHED_NAMES = """async () => {
  const names = await caches.keys();
  return names.filter(name => name.startsWith("crisis-kit-"));
}"""
CACHED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) { paths.push(new URL(request.url).pathname); }
  }
  return paths;
}"""
CACHED_TEXT = """async (path) => {
  const response = await caches.match(path, {ignoreVary: true});
  return response ? await response.text() : null;
}"""


CONTROLLED = "navigator.serviceWorker.controller !== null"


def visit_online(page, url: str) -> None:
    """Open a page and wait until the service worker has kept the kit on this device and
    controls the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_for(lambda: len(page.evaluate(CACHED_NAMES)) == 1, timeout=10)
    wait_until_claimed(page, CONTROLLED)


def wait_until_claimed(page, in_charge: str) -> None:
    """Wait until the script `in_charge` is true of the page's worker, once the kit is kept.

    A page whose navigation began while the worker was still installing may stay uncontrolled
    even after the worker's clients.claim() (Chromium does not always claim a client that was
    being created), as it would for a reader: their next page is controlled. So a page still
    unclaimed half a second later is loaded again, as the reader's next page would be."""
    if not page.evaluate(f"new Promise(done => setTimeout(() => done({in_charge}), 500))"):
        page.reload()
    wait_for(lambda: page.evaluate(in_charge), timeout=10)


def heading(page) -> str:
    return page.locator("h1").inner_text()


def header_colour(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                         ".backgroundColor")


def test_the_crisis_kit_opens_offline_after_one_visit(app, course, runner, live_server, page):
    runner.invoke(args=["content", "import"])  # as a deployment does: renders the handout PDFs
    visit_online(page, live_server + "/")
    page.context.set_offline(True)

    for path, title in KIT_PAGES.items():  # none of them was opened online
        page.goto(live_server + path)
        assert heading(page) == title, path
        assert header_colour(page) == SITE_BLUE, path  # its stylesheet was kept too
    page.reload()
    assert heading(page) == "The checklist"
    pdf = page.evaluate("""fetch("/courses/mini/resources/checklist.pdf").then(async r =>
        [r.status, r.headers.get("Content-Type"), (await r.text()).slice(0, 5)])""")
    assert pdf == [200, "application/pdf", "%PDF-"]

    for path in ["/courses/mini/lessons/first-lesson", "/courses/mini/modules/basics",
                 "/courses/mini/glossary"]:
        page.goto(live_server + path)
        assert heading(page) == NEEDS_A_CONNECTION, path
        assert header_colour(page) == SITE_BLUE, path
    assert page.get_by_role("link", name="Act now").is_visible()  # what does open offline
    page.get_by_role("link", name="Act now").click()
    assert heading(page) == "Act now"


def test_a_publish_reaches_the_kept_copy_at_the_next_visit_online(app, course, runner,
                                                                   live_server, page, tmp_path):
    visit_online(page, live_server + "/courses/mini/lessons/act-now")
    [first_cache] = page.evaluate(CACHED_NAMES)
    folder = tmp_path / "course"
    publish_edited(runner, folder, {
        "02-next-steps/01-act-now.md": ("What to do **now**.", "What to do **first**."),
        "resources/01-checklist.md": ("- Do this.", "- Call the school today."),
    })

    # The next visit online: the lesson itself shows the new text (network first) ...
    page.goto(live_server + "/courses/mini/lessons/act-now")
    assert "What to do first." in page.inner_text(".prose")
    # ... and the worker, changed by the publish, fetches the whole kit again into a new cache,
    # including the handout that was not opened.
    def only_a_new_copy():
        names = page.evaluate(CACHED_NAMES)
        return len(names) == 1 and names != [first_cache]  # the old copy is gone

    wait_for(only_a_new_copy, timeout=10)
    page.context.set_offline(True)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    assert "What to do first." in page.inner_text(".prose")
    page.goto(live_server + "/courses/mini/resources/checklist")
    assert "Call the school today." in page.inner_text(".prose")
    assert "Do this." not in page.inner_text(".prose")


def test_a_signed_in_persons_pages_are_never_kept(app, course, learner, live_server, page):
    """The kept copies are the pages any visitor sees: no name, no form token, no progress."""
    log_in(page, live_server, "learner@example.org", PASSWORD)
    visit_online(page, live_server + "/courses/mini/lessons/act-now")
    page.goto(live_server + "/my-learning")
    page.goto(live_server + "/courses/mini/lessons/act-now")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_load_state()

    kit = page.evaluate("fetch('/service-worker.js').then(r => r.text())")
    allowed = set(KIT_PAGES) | {"/courses/mini/resources/checklist.pdf", "/offline"}
    cached = page.evaluate(CACHED_PATHS)
    assert "/courses/mini/lessons/act-now" in cached
    assert not [path for path in cached if path not in allowed and path not in kit]
    for path in ["/courses/mini/lessons/act-now", "/offline"]:
        text = page.evaluate(CACHED_TEXT, path)
        assert "Log in" in text and "Log out" not in text, path
        assert "csrf_token" not in text and "Lee Learner" not in text, path

    page.context.set_offline(True)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    assert heading(page) == "Act now"
    page.goto(live_server + "/my-learning")
    assert heading(page) == NEEDS_A_CONNECTION


def test_the_worker_and_manifest_load_without_console_errors(course, live_server, page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    visit_online(page, live_server + "/")
    for path in ["/courses/mini/lessons/act-now", "/courses/mini/modules/basics/quiz",
                 "/courses/mini/resources/checklist", "/offline"]:
        page.goto(live_server + path)
    manifest = page.evaluate("""fetch(document.querySelector("link[rel=manifest]").href)
        .then(r => r.json())""")
    for icon in manifest["icons"]:
        assert page.request.get(live_server + icon["src"]).ok, icon
    assert errors == []


def test_the_offline_page_passes_axe_online_and_offline(course, live_server, page):
    page.goto(live_server + "/offline")
    problems = page_problems(page, "/offline")
    visit_online(page, live_server + "/")
    page.context.set_offline(True)
    page.goto(live_server + "/courses/mini/glossary")
    assert heading(page) == NEEDS_A_CONNECTION
    problems += page_problems(page, "offline /glossary")
    assert problems == []


def test_a_parent_on_an_english_phone_who_chose_spanish_keeps_the_kit_in_spanish(
        course, live_server, page):
    """Newcomer review bug 1: the kit was fetched without the language cookie, so it was kept in
    the phone's language (English) after the parent chose Español with the control."""
    page.goto(live_server + "/")
    open_menu(page)
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/?lang=es")
    page.goto(live_server + "/courses/mini/modules/next-steps")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_for(lambda: 'lang="es"' in (page.evaluate(CACHED_TEXT, "/courses/mini/lessons/act-now")
                                     or "") and len(page.evaluate(CACHED_NAMES)) == 1, timeout=15)
    # This page's navigation began while the Spanish worker was installing.
    wait_until_claimed(page, f"({SPANISH_WORKER_IN_CHARGE}).includes('lang=es')")
    page.context.set_offline(True)
    for path in ["/courses/mini/lessons/act-now", "/courses/mini/resources/checklist", "/"]:
        page.goto(live_server + path)
        assert page.locator("html").get_attribute("lang") == "es", path
        assert page.locator("header .menu-button").inner_text().strip() == "Menú", path
    page.goto(live_server + "/courses/mini/resources/checklist")
    assert heading(page) == SPANISH_CHECKLIST
