"""Browser fixtures: the app on a real port, a real Celery worker, headless Chromium."""
import threading

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def live_server(app):
    """The app served over HTTP on a free port, in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def celery_worker(app):
    with start_worker(app.extensions["celery"], pool="solo", perform_ping_check=False):
        yield


@pytest.fixture
def browser_page(tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        context.close()
        browser.close()
