"""Sessions end on the server: at log-out, when left idle, and everywhere at once on request."""
from datetime import timedelta

from sqlalchemy import select, update

from lms.auth.models import LoginSession
from lms.extensions import db
from lms.models_base import utcnow
from tests.conftest import PASSWORD
from tests.test_query_counts import count_queries


def log_in(app, remember=False):
    client = app.test_client()
    data = {"email": "learner@example.org", "password": PASSWORD}
    client.post("/login", data={**data, "remember": "y"} if remember else data)
    assert client.get("/my-learning").status_code == 200
    return client


def with_cookie(app, name: str, value: str):
    client = app.test_client()
    client.set_cookie(name, value)
    return client


def signed_in(client) -> bool:
    return client.get("/my-learning").status_code == 200


def idle_for(app, delta: timedelta) -> None:
    with app.app_context():
        db.session.execute(update(LoginSession).values(last_seen_at=utcnow() - delta))
        db.session.commit()


def test_cookies_copied_before_logout_stop_working(app, learner, course):
    client = log_in(app, remember=True)
    session_cookie = client.get_cookie("session").value
    remember_cookie = client.get_cookie("remember_token").value
    client.post("/logout")
    assert not signed_in(with_cookie(app, "session", session_cookie))
    assert not signed_in(with_cookie(app, "remember_token", remember_cookie))


def test_logging_out_one_browser_leaves_the_others_signed_in(app, learner, course):
    phone, laptop = log_in(app), log_in(app)
    phone.post("/logout")
    assert not signed_in(phone) and signed_in(laptop)


def test_a_session_left_idle_ends(app, learner, course):
    client = log_in(app)
    idle_for(app, timedelta(hours=11))
    assert signed_in(client)
    idle_for(app, timedelta(hours=13))
    assert not signed_in(client)


def test_a_session_in_use_does_not_end(app, learner, course):
    """Each request that finds the session idle a while stamps it: 11 hours idle, a page,
    11 hours idle again is 22 hours since log-in, and the learner is still signed in."""
    client = log_in(app)
    idle_for(app, timedelta(hours=11))
    assert signed_in(client)
    with app.app_context():
        seen = db.session.scalars(select(LoginSession.last_seen_at)).one()
    assert utcnow() - seen < timedelta(minutes=1)
    with app.app_context():
        db.session.execute(update(LoginSession).values(last_seen_at=seen - timedelta(hours=11)))
        db.session.commit()
    assert signed_in(client)


def test_a_remembered_session_lasts_two_idle_weeks(app, learner, course):
    client = log_in(app, remember=True)
    remember_cookie = client.get_cookie("remember_token").value
    idle_for(app, timedelta(days=13))
    assert signed_in(with_cookie(app, "remember_token", remember_cookie))
    idle_for(app, timedelta(days=15))
    assert not signed_in(with_cookie(app, "remember_token", remember_cookie))


def test_idle_timeouts_are_settings(app_config, tmp_path, monkeypatch, learner):
    from lms import create_app
    app = create_app({**app_config, "SESSION_IDLE_TIMEOUT": 60})
    assert app.config["SESSION_IDLE_TIMEOUT"] == 60
    monkeypatch.setenv("SESSION_IDLE_TIMEOUT", "120")
    monkeypatch.setenv("REMEMBER_IDLE_TIMEOUT", "3600")
    app = create_app(app_config)
    assert app.config["SESSION_IDLE_TIMEOUT"] == 120
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(seconds=3600)


def test_log_out_everywhere(app, learner, course):
    phone, laptop = log_in(app), log_in(app, remember=True)
    response = laptop.post("/profile/log-out-everywhere", follow_redirects=True)
    assert "You are logged out on every device." in response.get_data(as_text=True)
    assert not signed_in(phone) and not signed_in(laptop)
    assert signed_in(log_in(app))  # and can log in again


def test_profile_offers_log_out_everywhere(app, learner, course):
    page = log_in(app).get("/profile").get_data(as_text=True)
    assert 'action="/profile/log-out-everywhere"' in page


def test_a_signed_in_page_costs_one_query_and_no_write(app, learner, course):
    client = log_in(app)
    with count_queries(app) as statements:
        for _ in range(3):
            assert client.get("/profile").status_code == 200
    assert len(statements) == 3, statements  # the user loader's one query, nothing else
    assert all("JOIN" in s and "login_session" in s for s in statements)

    idle_for(app, timedelta(minutes=10))  # last seen is stamped every few minutes, not always
    with count_queries(app) as statements:
        client.get("/profile")
        client.get("/profile")
    assert sum(s.startswith("UPDATE login_session") for s in statements) == 1


def test_expired_sessions_are_purged(app, learner, course):
    from lms.auth.tasks import purge_ended_sessions
    log_in(app)
    log_in(app)
    idle_for(app, timedelta(days=1))
    log_in(app)
    with app.app_context():
        assert purge_ended_sessions() == 2
        assert len(db.session.scalars(select(LoginSession)).all()) == 1


def test_without_remember_me_no_lasting_cookie_is_ever_set(app, learner, course):
    client = log_in(app)
    for url in ["/my-learning", "/profile"]:
        cookies = client.get(url).headers.getlist("Set-Cookie")
        assert not any(c.startswith("remember_token=") and "Expires=" in c
                       for c in cookies), cookies
    assert client.get_cookie("remember_token") is None
