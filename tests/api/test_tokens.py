"""A learner's personal access tokens: made and revoked on their profile, shown once, stored
hashed, and the only way (never the cookie) to read their own records through the API."""
from sqlalchemy import select

from lms.api.models import PersonalToken
from lms.auth.models import User
from lms.extensions import db
from tests.api.helpers import bearer, is_problem, make_token
from tests.certificates.helpers import finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user


def test_a_token_is_shown_once_and_stored_hashed(app, client, auth, learner):
    auth.login()
    page = client.get("/profile")
    assert "/profile/api-tokens/" in page.get_data(as_text=True)
    secret = make_token(client)
    assert secret.startswith("lms_pat_") and len(secret) > 40
    again = client.get("/profile/api-tokens/").get_data(as_text=True)
    assert secret not in again
    assert "my spreadsheet" in again and secret[:14] in again  # its prefix tells it apart
    with app.app_context():
        stored = db.session.scalar(select(PersonalToken))
        assert secret not in (stored.secret_hash, stored.prefix, stored.name)
        assert stored.last_used_at is None


def test_a_token_reads_its_learners_progress_and_certificates(app, client, auth, learner,
                                                                course):
    auth.login()
    finish_course(app, client)
    secret = make_token(client)
    api = app.test_client()  # no cookie: the token alone
    [progress] = api.get("/api/v1/me/progress", headers=bearer(secret)).get_json()
    assert progress["course"] == "mini" and progress["complete"] is True
    assert progress["items_done"] == progress["items_total"] and progress["missing"] == []
    [certificate] = api.get("/api/v1/me/certificates", headers=bearer(secret)).get_json()
    assert certificate["course"] == "mini"
    assert certificate["verify_url"].endswith(f"/verify/{certificate['code']}")
    with app.app_context():
        assert db.session.scalar(select(PersonalToken)).last_used_at is not None


def test_progress_names_what_is_missing(app, client, auth, learner, course):
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    secret = make_token(client)
    [progress] = app.test_client().get("/api/v1/me/progress", headers=bearer(secret)).get_json()
    assert progress["complete"] is False and progress["items_done"] == 1
    assert progress["missing"][0] == {"kind": "lesson", "module": "basics",
                                      "lesson": "second-lesson"}


def test_a_revoked_token_stops_at_its_next_request(app, client, auth, learner):
    auth.login()
    secret = make_token(client)
    api = app.test_client()
    assert api.get("/api/v1/me/certificates", headers=bearer(secret)).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(select(PersonalToken.id))
    response = client.post(f"/profile/api-tokens/{token_id}/revoke", follow_redirects=True)
    assert "is revoked" in response.get_data(as_text=True)
    assert is_problem(api.get("/api/v1/me/certificates", headers=bearer(secret)), 401)


def test_a_learner_cannot_revoke_anothers_token(app, client, auth, learner):
    auth.login()
    secret = make_token(client)
    with app.app_context():
        make_user("other@example.org", "Otto Other", PASSWORD)
        token_id = db.session.scalar(select(PersonalToken.id))
    other = app.test_client()
    other.post("/login", data={"email": "other@example.org", "password": PASSWORD})
    assert other.post(f"/profile/api-tokens/{token_id}/revoke").status_code == 404
    assert app.test_client().get("/api/v1/me/progress",
                                 headers=bearer(secret)).status_code == 200


def test_a_signed_in_browser_gets_401_from_a_token_route(client, auth, learner):
    auth.login()
    assert client.get("/profile").status_code == 200  # the cookie is good for pages
    for path in ("/api/v1/me/progress", "/api/v1/me/certificates"):
        response = client.get(path)
        assert is_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_tokens_and_keys_get_401(app, client, auth, learner):
    api = app.test_client()
    for header in ("Bearer lms_pat_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz",
                   "Bearer lms_key_a-key-is-not-a-token"):
        assert is_problem(api.get("/api/v1/me/progress",
                                  headers={"Authorization": header}), 401)


def test_a_token_of_a_deactivated_account_stops(app, client, auth, learner):
    auth.login()
    secret = make_token(client)
    with app.app_context():
        db.session.get(User, learner).active = False
        db.session.commit()
    assert is_problem(app.test_client().get("/api/v1/me/progress", headers=bearer(secret)), 401)


def test_a_token_needs_a_name(client, auth, learner):
    auth.login()
    response = client.post("/profile/api-tokens/", data={"name": "  "})
    assert response.status_code == 400
    assert 'id="new-secret"' not in response.get_data(as_text=True)


def test_the_tokens_page_needs_a_login(client):
    assert client.get("/profile/api-tokens/").status_code == 302


def test_the_tokens_page_in_spanish(client, auth, learner):
    auth.login()
    page = client.get("/profile/api-tokens/?lang=es").get_data(as_text=True)
    assert "Tokens de API" in page and "Crear el token" in page


def test_the_api_never_loads_the_account_from_the_cookie(app, client, auth, learner, course):
    """Not even the language hook, which saves a signed-in learner's ?lang= on their profile."""
    auth.login()
    response = client.get("/api/v1/courses?lang=es")
    assert response.status_code == 200
    cookies = response.headers.getlist("Set-Cookie")
    assert not [cookie for cookie in cookies if cookie.startswith(("session=", "remember_token"))]
    with app.app_context():
        assert db.session.get(User, learner).language is None
    client.get("/courses/mini/?lang=es")  # a page does (the hook itself works)
    with app.app_context():
        assert db.session.get(User, learner).language == "es"


def test_a_learners_token_requests_are_rate_limited(app, client, auth, learner):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    auth.login()
    secret = make_token(client)
    api = app.test_client()
    for _ in range(2):
        assert api.get("/api/v1/me/certificates", headers=bearer(secret)).status_code == 200
    assert is_problem(api.get("/api/v1/me/certificates", headers=bearer(secret)), 429)
