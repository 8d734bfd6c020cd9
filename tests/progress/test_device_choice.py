"""N8: a visitor's progress on a browser joins an account only when the account holder chooses
to add it, on a page that shows what it is; and a visitor can delete what the device keeps."""
from sqlalchemy import func, select

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.progress.models import LessonCompletion
from tests.certificates.helpers import finish_course
from tests.conftest import PASSWORD
from tests.helpers import text_of
from tests.progress.test_guest_pages import LESSON, guest_cookie, guest_count

LOGIN = {"email": "learner@example.org", "password": PASSWORD}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_someone_else_s_finished_course_is_not_joined_or_certified_without_asking(
        app, client, learner, course):
    finish_course(app, client)  # as a visitor: every lesson and quiz, kept on this device
    response = client.post("/login", data=LOGIN)
    assert response.headers["Location"] == "/my-learning/this-device"
    assert count(app, LessonCompletion) == 0 and count(app, Certificate) == 0
    page = text_of(client.get(response.headers["Location"]))
    assert "This device has progress" in page and "Mini Course: 6 of 6 steps done" in page
    assert "Add it" in page and "Leave it" in page

    response = client.post("/my-learning/this-device", data={"choice": "leave"})
    assert response.headers["Location"] == "/my-learning"
    assert "guest=" not in (guest_cookie(response) or "")  # the device keeps it
    assert "It is not in your account." in text_of(client.get("/my-learning"))
    assert count(app, LessonCompletion) == 0 and count(app, Certificate) == 0
    assert guest_count(app) == 1
    client.post("/logout")
    assert "Kept on this device only" in text_of(client.get("/my-learning"))  # still there


def test_adding_it_joins_every_step_and_can_issue_the_certificate(app, client, learner, course):
    finish_course(app, client)
    response = client.post("/login", data={**LOGIN, "next": "/courses/mini/"})
    assert response.headers["Location"] == "/my-learning/this-device?next=/courses/mini/"
    response = client.post("/my-learning/this-device",
                           data={"choice": "add", "next": "/courses/mini/"})
    assert response.headers["Location"] == "/courses/mini/"
    assert "guest=;" in guest_cookie(response)
    assert count(app, Certificate) == 1 and guest_count(app) == 0
    page = text_of(client.get("/my-learning"))
    assert "Your certificate is being prepared." in page


def test_a_log_in_without_device_progress_is_not_asked(client, learner, course):
    assert client.post("/login", data=LOGIN).headers["Location"] == "/my-learning"
    # Nothing on this device: the page sends them on.
    assert client.get("/my-learning/this-device").headers["Location"] == "/my-learning"


def test_a_choice_that_is_neither_is_refused(client, learner, course):
    client.post(LESSON + "/complete")
    client.post("/login", data=LOGIN)
    for data in ({}, {"choice": "both"}, {"choice": "add" * 1000}):
        assert client.post("/my-learning/this-device", data=data).status_code == 400
    assert client.post("/my-learning/this-device",
                       data={"choice": "leave", "next": "https://elsewhere.example/"}
                       ).headers["Location"] == "/my-learning"  # never off the site


def test_a_visitor_deletes_the_progress_kept_on_this_device(app, client, course):
    client.post(LESSON + "/complete")
    assert "Forget the progress kept on this device" in text_of(client.get("/my-learning"))
    response = client.post("/my-learning/forget-this-device")
    assert response.headers["Location"] == "/"
    assert "guest=;" in guest_cookie(response) and guest_count(app) == 0
    assert "deleted" in text_of(client.get("/"))
    assert client.get("/my-learning").headers["Location"].startswith("/login")
    assert "This lesson is marked as complete." not in text_of(client.get(LESSON))
