"""What a visitor sees: the course, its modules in order, lessons readable without an account."""
from tests.helpers import text_of


def test_course_page_lists_modules_and_lessons_in_order(client, course):
    page = text_of(client.get("/courses/mini/"))
    order = ["Basics", "First lesson", "Second lesson", "Next steps", "Act now", "Later"]
    positions = [page.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Read any lesson now, no account needed" in page


def test_home_has_a_one_tap_link_to_the_urgent_lesson(client, course):
    html = client.get("/").get_data(as_text=True)
    assert 'class="urgent-link" href="/courses/mini/lessons/act-now"' in html
    assert "Was your child just restrained or secluded?" in html


def test_visitor_reads_a_lesson_with_navigation(client, course):
    response = client.get("/courses/mini/lessons/second-lesson")
    assert response.status_code == 200
    page = text_of(response)
    assert "Second lesson" in page and "The second lesson." in page
    assert "Previous: First lesson" in page
    assert "Next: Quiz: Basics" in page
    html = response.get_data(as_text=True)
    assert 'href="/courses/mini/lessons/second-lesson/complete">Mark as complete</a>' in html


def test_last_step_of_a_module_leads_into_the_next(client, course):
    page = text_of(client.get("/courses/mini/modules/basics/quiz"))
    assert "Previous: Second lesson" in page and "Next: Act now" in page


def test_lesson_offers_its_handouts(client, course):
    html = client.get("/courses/mini/lessons/act-now").get_data(as_text=True)
    assert 'href="/courses/mini/resources/checklist"' in html
    assert 'href="/courses/mini/resources/checklist.pdf"' in html


def test_handout_page_and_pdf(app, client, runner, course):
    assert "Do this." in text_of(client.get("/courses/mini/resources/checklist"))
    assert client.get(
        "/courses/mini/resources/checklist.pdf").status_code == 404  # not rendered yet
    runner.invoke(args=["content", "import"])
    response = client.get("/courses/mini/resources/checklist.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "checklist.pdf" in response.headers["Content-Disposition"]


def test_introduction_and_glossary(client, course):
    assert "This course is small ." in text_of(client.get("/courses/mini/introduction")) or \
        "This course is small." in text_of(client.get("/courses/mini/introduction"))
    html = client.get("/courses/mini/glossary").get_data(as_text=True)
    assert '<dt id="seclusion">Seclusion</dt>' in html


def test_module_page(client, course):
    page = text_of(client.get("/courses/mini/modules/next-steps"))
    assert "Act now" in page and "Later" in page and "Take the quiz" in page


def test_unknown_things_get_a_friendly_404(client, course):
    for url in ["/courses/mini/lessons/nope", "/courses/mini/modules/nope",
                "/courses/mini/modules/nope/quiz", "/courses/mini/resources/nope",
                "/courses/mini/resources/nope.pdf", "/no-such-page"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "We could not find that page." in text_of(response)


def test_site_without_a_course_says_so(client):
    assert "No course is published yet." in text_of(client.get("/"))
    assert client.get("/courses/mini/").status_code == 404


def test_pages_have_one_h1_and_a_skip_link(client, course):
    for url in ["/", "/courses/mini/lessons/first-lesson", "/courses/mini/modules/basics",
                "/courses/mini/modules/basics/quiz",
                "/courses/mini/glossary", "/courses/mini/resources", "/login", "/signup", "/reset"]:
        html = client.get(url).get_data(as_text=True)
        assert html.count("<h1") == 1, url
        assert 'href="#main"' in html and '<main id="main"' in html, url
        assert '<meta name="viewport"' in html
