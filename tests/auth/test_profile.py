"""The profile page: name, and the name printed on certificates."""
import pytest

from lms.auth.models import User
from lms.extensions import db
from tests.helpers import text_of


def test_profile_saves_the_certificate_name(app, client, auth, learner, course):
    auth.login()
    response = client.post("/profile", data={"name": "Lee", "certificate_name": "Dr Lee Learner"},
                           follow_redirects=True)
    assert "Your profile is saved." in text_of(response)
    with app.app_context():
        user = db.session.get(User, learner)
        assert user.printed_name == "Dr Lee Learner"


def test_profile_needs_login(client, course):
    assert client.get("/profile").headers["Location"].startswith("/login?next=")


def test_profile_rejects_an_empty_or_overlong_name(app, client, auth, learner, course):
    auth.login()
    response = client.post("/profile", data={"name": "  ", "certificate_name": "x" * 121})
    assert response.status_code == 400
    page = text_of(response)
    assert "This field is required." in page and "120 characters" in page
    with app.app_context():
        assert db.session.get(User, learner).name == "Lee Learner"


@pytest.mark.parametrize("name", ["A\u202eevil", "Lee\nBcc: evil@example.org", "Lee\u200b",
                                  "Tab\there", "Lee\u2066x"])
def test_names_refuse_hidden_control_and_direction_characters(app, client, auth, learner,
                                                              course, name):
    auth.login()
    for data in [{"name": name, "certificate_name": ""},
                 {"name": "Lee", "certificate_name": name}]:
        response = client.post("/profile", data=data)
        assert response.status_code == 400
        assert "hidden character" in text_of(response)
    with app.app_context():
        user = db.session.get(User, learner)
        assert (user.name, user.certificate_name) == ("Lee Learner", "")


def test_names_in_every_script_are_welcome(app, client, auth, learner, course):
    auth.login()
    name = "Zoë O'Brien-Nguyễn می\u200cخواهم 李小龙 Ἀλέξανδρος"
    response = client.post("/profile", data={"name": name, "certificate_name": name})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, learner).printed_name == name
