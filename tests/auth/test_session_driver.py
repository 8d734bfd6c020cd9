"""The session check runs on the driver's cursor (lms/driver_query.py): it must answer exactly
what SQLAlchemy's own execution answers, value for value and type for type, on either
database; and the account it gives the page must be an ordinary loaded object, which the page
can change and commit."""
from datetime import date, timedelta

from flask_login import current_user
from sqlalchemy import select

from lms.auth import sessions
from lms.auth.models import LoginSession, Role, User
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.services import STATE_ALONG
from lms.reminders.meetings import PLAN_ALONG
from lms.reminders.models import MeetingKind
from tests.auth.test_sessions import log_in
from tests.helpers import quiz_answers


def the_key(app) -> str:
    with app.app_context():
        return db.session.scalar(select(LoginSession.key))


def test_the_driver_answers_what_sqlalchemy_answers(app, learner, course):
    client = log_in(app, remember=True)
    client.post("/courses/mini/lessons/first-lesson/complete")
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics",
                                                                       right=True))
    client.post("/my-learning/meeting", data={"meeting_on": (date.today() + timedelta(
        days=9)).isoformat(), "kind": MeetingKind.IEP.value})
    key = the_key(app)
    with app.test_request_context("/"):
        dialect = db.engine.dialect
        for along in ((), (STATE_ALONG,), (STATE_ALONG, PLAN_ALONG)):
            query, _ = sessions._session_by_key(along, (dialect.name, dialect.driver))
            on_the_driver = query.first({"key": key})
            through_sqlalchemy = tuple(db.session.execute(query.statement, {"key": key}).one())
            assert on_the_driver == through_sqlalchemy, along
            assert ([type(value) for value in on_the_driver]
                    == [type(value) for value in through_sqlalchemy]), along
            values = dict(zip(sessions._USER_COLUMNS, on_the_driver[:len(sessions._USER_COLUMNS)],
                              strict=True))
            assert values["role"] is Role.LEARNER and values["active"] is True
            assert values["created_at"].tzinfo is not None
            if along:
                lessons, scores, places = on_the_driver[len(sessions._USER_COLUMNS) + 3:][:3]
                assert len(lessons) == 1 and scores[0][1] == 100 and len(places) == 1
            if PLAN_ALONG in along:
                assert len(on_the_driver[-1]) == 1  # the meeting
        assert query.first({"key": "no such key"}) is None
        db.session.remove()


def test_the_account_a_page_gets_is_loaded_and_saves_its_changes(app, learner, course):
    client = log_in(app)
    cookie = f"{app.config['SESSION_COOKIE_NAME']}={client.get_cookie('session').value}"
    with app.test_request_context("/my-learning", headers={"Cookie": cookie}):
        user = current_user._get_current_object()
        assert user in db.session and not db.session.dirty
        assert db.session.get(User, user.id) is user  # the session's one object for the row
        user.name = "Renamed On The Page"
        db.session.commit()
        db.session.remove()
    with app.app_context():
        assert db.session.get(User, learner).name == "Renamed On The Page"
    assert "Renamed On The Page" in client.get("/profile").get_data(as_text=True)


def test_a_session_ended_or_left_idle_signs_no_one_in(app, learner, course):
    client = log_in(app)
    key = the_key(app)
    with app.test_request_context("/"):
        assert sessions.load(key).id == learner
        db.session.remove()
    with app.app_context():
        row = db.session.scalar(select(LoginSession))
        row.last_seen_at = utcnow() - timedelta(hours=13)
        db.session.commit()
    with app.test_request_context("/"):
        assert sessions.load(key) is None
        db.session.remove()
    assert client.get("/my-learning").status_code == 302
