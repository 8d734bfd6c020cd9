"""The optional questions: nothing required, changeable, in the data download, deleted with the
account, and nothing about a child."""
import json

from sqlalchemy import func, select

from lms.extensions import db
from lms.surveys.models import SurveyAnswer
from tests.conftest import PASSWORD
from tests.helpers import text_of

ANSWERS = {"usefulness": "4", "knows_rights": "yes", "role": "parent", "state": "OR",
           "language": "es"}


def rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SurveyAnswer))


def test_every_question_is_optional(app, client, learner, auth):
    auth.login()
    page = client.get("/profile/about-you")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    form = html[html.index('action="/profile/about-you"'):html.index("</form>")]
    assert "child" not in form.lower()  # nothing about a child is asked
    response = client.post("/profile/about-you", data={})
    assert response.status_code == 302
    assert rows(app) == 0  # nothing answered, nothing kept


def test_answers_are_kept_changed_and_cleared(app, client, learner, auth):
    auth.login()
    client.post("/profile/about-you", data=ANSWERS)
    page = client.get("/profile/about-you").get_data(as_text=True)
    assert '<option selected value="OR">' in page
    assert '<input checked id="role-0" name="role" type="radio" value="parent">' in page
    client.post("/profile/about-you", data={**ANSWERS, "usefulness": "2", "state": ""})
    with app.app_context():
        row = db.session.scalar(select(SurveyAnswer))
        assert (row.usefulness, row.state, row.role) == (2, None, "parent")
    client.post("/profile/about-you", data={name: "" for name in ANSWERS})
    assert rows(app) == 0


def test_a_value_that_is_not_offered_is_refused(app, client, learner, auth):
    auth.login()
    for name, bad in [("usefulness", "9"), ("state", "ZZ"), ("role", "child"),
                      ("usefulness", "x"), ("language", "<script>")]:
        response = client.post("/profile/about-you", data={**ANSWERS, name: bad})
        assert response.status_code == 400, name
        assert "Not a valid choice" in text_of(response)
    assert rows(app) == 0


def test_answers_are_in_the_data_download_and_deleted_with_the_account(app, client, learner,
                                                                        auth):
    auth.login()
    client.post("/profile/about-you", data=ANSWERS)
    data = json.loads(client.get("/profile/data.json").get_data(as_text=True))
    assert data["survey"]["answers"] == {"usefulness": "4", "knows_rights": "Yes",
                                         "role": "Parent or caregiver", "state": "Oregon",
                                         "language": "Spanish"}
    client.post("/profile/delete", data={"password": PASSWORD})
    assert rows(app) == 0


def test_my_learning_and_the_profile_link_to_the_questions(client, course, learner, auth):
    auth.login()
    for url in ("/my-learning", "/profile"):
        assert "Tell us about you (optional)" in text_of(client.get(url))
