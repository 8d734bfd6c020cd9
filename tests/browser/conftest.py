"""Browser fixtures: the app on a free local port, a real Celery worker, and a real headless
Chromium (Debian's) driven by Playwright."""
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.helpers import running_worker

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@pytest.fixture
def app_config(app_config):
    """Browser tests send real forms, so CSRF protection stays on as in production."""
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def service_workers(request) -> str:
    """"allow" in the offline kit's tests (marked service_worker), "block" elsewhere.

    Elsewhere the worker is beside the point, and in CI it twice held up the page a form's
    redirect leads to, when a publish had just changed the kit and a new worker was taking
    over (a click waiting 10 s for its navigation; docs/offline.md, "Known issue")."""
    return "allow" if request.node.get_closest_marker("service_worker") else "block"


@pytest.fixture
def page(browser, request):
    """A phone-sized page; every test starts with no cookies."""
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  service_workers=service_workers(request))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def browser_page(browser, request):
    """A desktop-sized page that accepts downloads, with a longer wait for background work."""
    context = browser.new_context(accept_downloads=True, service_workers=service_workers(request))
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def celery_worker(app):
    with running_worker(app):
        yield


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def open_menu(page) -> None:
    """On a phone the navigation is behind the header's Menu button (lms/static/menu.js): open
    it, as a person would, before using a link in it. On a wide screen it is shown already."""
    button = page.locator("header .menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()


def log_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
