"""The profile page: name, and the name printed on certificates."""
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
