"""A Spanish reader sees the interface in Spanish on every learner page: no English string of
the catalog is left in the visible text."""
import pytest

from tests.conftest import MINI_COURSE
from tests.helpers import quiz_answers, text_of
from tests.i18n.catalog import english_phrases

SPANISH = {"Accept-Language": "es"}
VISITOR_PAGES = ["/", "/courses/mini/introduction", "/courses/mini/modules/basics",
                 "/courses/mini/lessons/second-lesson",
                 "/courses/mini/modules/basics/quiz", "/courses/mini/glossary",
                 "/courses/mini/resources", "/courses/mini/resources/checklist",
                 "/signup", "/login", "/reset", "/accessibility", "/no-such-page",
                 "/offline", "/verify", "/verify/AAAA-BBBB-CCCC-DDDD"]
LEARNER_PAGES = ["/", "/my-learning", "/profile", "/courses/mini/lessons/second-lesson",
                 "/courses/mini/modules/basics/quiz", "/profile/password", "/my-certificates",
                 "/profile/about-you", "/my-learning/meeting", "/profile/delete"]


# The test course is written in English: its own words are the content's, not the interface's.
COURSE_TEXT = " ".join(" ".join(path.read_text().split()) for path in MINI_COURSE.rglob("*")
                       if path.is_file() and path.suffix in (".md", ".yaml"))


def english_left_in(text: str) -> list[str]:
    return sorted(phrase for phrase in english_phrases()
                  if phrase in text and phrase not in COURSE_TEXT)


@pytest.mark.parametrize("url", VISITOR_PAGES)
def test_a_visitors_page_in_spanish_has_no_english_interface_text(client, course, url):
    response = client.get(url, headers=SPANISH)
    assert response.status_code in (200, 404), url
    assert english_left_in(text_of(response)) == []


def test_a_learners_pages_in_spanish_have_no_english_interface_text(client, auth, learner,
                                                                     course):
    auth.login()
    client.get("/?lang=es")
    for url in LEARNER_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_left_in(text_of(response)) == [], url
    result = client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(client.application,
                                                                                "basics",
                                                                   right=False))
    assert "Resultado del cuestionario" in text_of(result)
    assert english_left_in(text_of(result)) == []
    meeting = client.post("/my-learning/meeting", data={"meeting_on": "not a date",
                                                       "kind": "iep"})
    assert "Escriba la fecha de la reunión" in text_of(meeting)
    assert english_left_in(text_of(meeting)) == []


def test_a_form_error_is_in_spanish_with_wtforms_own_messages(client, course):
    response = client.post("/login", data={"email": "", "password": ""}, headers=SPANISH)
    text = text_of(response)
    assert "Por favor, corrija lo siguiente" in text
    assert "Este campo es obligatorio." in text
    assert english_left_in(text) == []


def test_a_flash_message_is_in_spanish(client, course):
    response = client.get("/signup/not-a-real-token", headers=SPANISH, follow_redirects=True)
    assert "Ese enlace venció o ya se usó." in text_of(response)
