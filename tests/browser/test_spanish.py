"""The course in Spanish in a real browser: the language control switches the pages, and the
main learner pages in Spanish pass axe-core's WCAG 2.x A/AA rules like the English ones."""
import pytest

from tests.browser.accessibility import page_problems
from tests.browser.conftest import open_menu
from tests.browser.test_accessibility import LEARNER_PAGES, VISITOR_PAGES
from tests.conftest import PASSWORD


@pytest.fixture
def spanish_page(browser):
    """A phone-sized page whose browser asks for Spanish (Accept-Language: es-MX)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_language_control_switches_the_pages_and_is_remembered(course, live_server, page):
    page.goto(live_server + "/courses/mini/glossary")
    assert page.locator("html").get_attribute("lang") == "en"
    open_menu(page)
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/glossary?lang=es")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Glosario"
    open_menu(page)
    page.get_by_role("link", name="Materiales").click()  # remembered on the next page
    assert page.get_by_role("heading", level=1).inner_text() == "Materiales"
    open_menu(page)
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Handouts"


def test_a_spanish_browser_gets_spanish_first(course, live_server, spanish_page):
    spanish_page.goto(live_server + "/")
    assert spanish_page.locator("html").get_attribute("lang") == "es"
    assert spanish_page.get_by_role("heading", name="Cursos").is_visible()
    spanish_page.goto(live_server + "/courses/mini/")
    assert spanish_page.get_by_role("heading", name="Módulos").is_visible()


def test_visitor_pages_in_spanish(course, live_server, spanish_page):
    problems = []
    for url in VISITOR_PAGES:
        spanish_page.goto(live_server + url)
        assert spanish_page.locator("html").get_attribute("lang") == "es", url
        problems += page_problems(spanish_page, f"visitor (es) {url}")
    assert problems == []


def test_learner_pages_in_spanish(course, learner, live_server, spanish_page):
    spanish_page.goto(live_server + "/login")
    spanish_page.get_by_label("Correo electrónico").fill("learner@example.org")
    spanish_page.get_by_label("Contraseña").fill(PASSWORD)
    spanish_page.get_by_role("button", name="Iniciar sesión").click()
    spanish_page.wait_for_url("**/my-learning")
    problems = []
    for url in LEARNER_PAGES:
        spanish_page.goto(live_server + url)
        problems += page_problems(spanish_page, f"learner (es) {url}")
    assert problems == []


def test_a_form_with_its_errors_in_spanish(course, live_server, spanish_page):
    spanish_page.goto(live_server + "/signup")
    spanish_page.get_by_role("button", name="Crear la cuenta").click()
    assert spanish_page.get_by_text("Este campo es obligatorio.").first.is_visible()
    assert page_problems(spanish_page, "signup errors (es)") == []
