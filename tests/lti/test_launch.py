"""The LTI 1.3 flow, driven by the test platform: OIDC login initiation, resource-link launch
into the course (or a module) as the account linked to (issuer, subject), and the way out of
an iframe whose browser keeps no cookie."""
from urllib.parse import parse_qs, urlsplit

import jwt
from sqlalchemy import func, select

from lms.auth.models import User
from lms.extensions import db
from lms.lti.models import LtiAccount, LtiGradeLink
from tests.helpers import text_of
from tests.lti.conftest import launch, start_login


def follow(client, response):
    """Follow redirects as the browser in the platform's iframe would; the last response."""
    while response.status_code in (301, 302, 303):
        response = client.get(response.headers["Location"])
    return response


def test_the_login_initiation_sends_the_browser_to_the_platform_with_state_and_nonce(
        client, registered):
    auth = start_login(client, registered)
    assert auth["client_id"] == "tool-client-1"
    assert auth["redirect_uri"].endswith("/lti/launch")
    assert auth["response_type"] == "id_token" and auth["response_mode"] == "form_post"
    assert auth["scope"] == "openid" and auth["prompt"] == "none"
    assert auth["login_hint"] == "user-42"
    assert auth["state"] and len(auth["nonce"]) >= 32
    # The state is bound to this browser by a short-lived cookie.
    assert client.get_cookie("lti1p3-" + auth["state"]) is not None


def test_a_launch_signs_the_learner_in_by_issuer_and_subject_and_opens_the_course(
        app, client, registered):
    response, _ = launch(client, registered, registered.resource_claims)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path.startswith("/lti/arrive/")
    page = follow(client, response)
    assert page.status_code == 200
    assert page.request.path == "/courses/mini/"
    assert "Mini Course" in text_of(page)
    with app.app_context():
        account = db.session.scalar(select(LtiAccount))
        assert (account.issuer, account.subject) == (registered.issuer, "canvas-user-42")
        user = db.session.get(User, account.user_id)
        assert user.name == "Robin Launched"
        assert user.email.endswith("@lti.invalid")  # no address was needed, none is invented
    # Signed in: their own learning page answers.
    assert "Mini Course" in text_of(client.get("/my-learning"))


def test_the_same_person_launched_again_is_the_same_account(app, registered):
    for _ in range(2):
        client = app.test_client()
        follow(client, launch(client, registered, registered.resource_claims)[0])
    other = app.test_client()
    response, _ = launch(other, registered, lambda nonce: registered.resource_claims(
        nonce, subject="someone-else"))
    follow(other, response)
    with app.app_context():
        assert db.session.scalar(select(func.count(LtiAccount.id))) == 2
        assert db.session.scalar(select(func.count(User.id))) == 3  # with the admin


def test_a_placed_module_opens_that_module(client, registered):
    response, _ = launch(client, registered,
                         lambda nonce: registered.resource_claims(nonce, module="next-steps"))
    page = follow(client, response)
    assert page.request.path == "/courses/mini/modules/next-steps"


def test_the_launch_remembers_where_the_score_goes(app, client, registered):
    launch(client, registered,
           lambda nonce: registered.resource_claims(nonce, lineitem=registered.lineitem()))
    with app.app_context():
        link = db.session.scalar(select(LtiGradeLink))
        assert link.lineitem_url == registered.lineitem()
        assert link.resource_link_id == "link-1" and link.sent_at is None


def test_a_launched_session_may_be_framed_by_the_platform_only(client, registered):
    response, _ = launch(client, registered, registered.resource_claims)
    arrived = client.get(response.headers["Location"])
    course = client.get(arrived.headers["Location"])
    policy = course.headers["Content-Security-Policy"]
    ancestors = policy.split("frame-ancestors ")[1].split(";")[0].split()
    assert set(ancestors) == {registered.issuer, "https://district.example.edu"}
    assert "X-Frame-Options" not in course.headers
    # Anyone else's pages keep refusing every frame.
    other = client.application.test_client().get("/")
    assert "frame-ancestors 'none'" in other.headers["Content-Security-Policy"]
    assert other.headers["X-Frame-Options"] == "DENY"


def test_a_launched_session_cookie_works_in_an_iframe_over_https(app, registered):
    client = app.test_client()
    auth = start_login(client, registered)
    token = registered.id_token(registered.resource_claims(auth["nonce"]))
    # The login's state cookie was set over http; the browser sends it back over https.
    response = client.post("/lti/launch", data={"state": auth["state"], "id_token": token},
                           base_url="https://localhost")
    assert response.status_code == 302
    cookie = next(value for value in response.headers.getlist("Set-Cookie")
                  if value.startswith(app.config["SESSION_COOKIE_NAME"] + "="))
    assert "SameSite=None" in cookie and "Secure" in cookie and "Partitioned" in cookie


def test_where_the_browser_kept_no_cookie_the_launch_offers_a_new_window(app, registered):
    platform_frame = app.test_client()
    response, _ = launch(platform_frame, registered, registered.resource_claims)
    arrive = response.headers["Location"]
    # The browser dropped the session cookie inside the iframe: the page offers a new window.
    blocked = app.test_client()
    page = blocked.get(arrive)
    assert page.status_code == 200
    assert "Continue in a new window" in text_of(page)
    assert registered.issuer in page.headers["Content-Security-Policy"]
    continue_url = arrive.replace("/lti/arrive/", "/lti/continue/")
    assert f'href="{continue_url}"' in page.get_data(as_text=True)
    assert 'target="_blank"' in page.get_data(as_text=True)
    # At top level the one-time link signs them in and opens the course ...
    window = app.test_client()
    opened = window.get(continue_url)
    assert opened.status_code == 302 and opened.headers["Location"] == "/courses/mini/"
    assert "Mini Course" in text_of(window.get("/my-learning"))
    # ... once.
    again = app.test_client().get(continue_url)
    assert again.status_code == 410
    assert "expired" in text_of(again)


def test_a_login_whose_state_cookie_was_blocked_offers_the_login_in_a_new_window(
        app, registered):
    frame = app.test_client()
    auth = start_login(frame, registered)
    token = registered.id_token(registered.resource_claims(auth["nonce"]))
    no_cookies = app.test_client()
    page = no_cookies.post("/lti/launch", data={"state": auth["state"], "id_token": token})
    assert page.status_code == 400
    assert "Continue in a new window" in text_of(page)
    link = page.get_data(as_text=True).split('href="/lti/login?')[1].split('"')[0]
    params = parse_qs(link.replace("&amp;", "&"))
    assert params["lti1p3_new_window"] == ["1"] and params["iss"] == [registered.issuer]
    assert params["login_hint"] == ["user-42"]


def test_deep_linking_places_a_course_with_a_signed_response(app, client, registered):
    response, _ = launch(client, registered, registered.deep_link_claims)
    assert response.status_code == 200
    picker = response.get_data(as_text=True)
    assert "Choose what to place" in text_of(response)
    assert 'value="mini/next-steps"' in picker
    launch_id = picker.split('name="launch_id" value="')[1].split('"')[0]
    placed = client.post("/lti/deep-link", data={"launch_id": launch_id,
                                                 "choice": "mini/next-steps"})
    assert placed.status_code == 200
    html = placed.get_data(as_text=True)
    assert f'action="{registered.issuer}/deep-link-return"' in html
    assert "<script>" not in html and "/static/lti-return." in html  # no inline script (CSP)
    policy = placed.headers["Content-Security-Policy"]
    assert f"form-action 'self' {registered.issuer}" in policy
    response_jwt = html.split('name="JWT" value="')[1].split('"')[0]
    # The platform verifies it with the tool's published keys.
    key = jwt.PyJWK(registered.tool_jwks["keys"][0])
    assert jwt.get_unverified_header(response_jwt)["kid"] == key.key_id
    claims = jwt.decode(response_jwt, key.key, algorithms=["RS256"],
                        audience=registered.issuer)
    assert claims["iss"] == "tool-client-1"
    dl = "https://purl.imsglobal.org/spec/lti-dl/claim/"
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == \
        "LtiDeepLinkingResponse"
    assert claims[dl + "data"] == "opaque-platform-data"
    [item] = claims[dl + "content_items"]
    assert item["type"] == "ltiResourceLink"
    assert item["url"].endswith("/lti/launch")
    assert item["custom"] == {"course": "mini", "module": "next-steps"}
    assert item["title"].startswith("Mini Course: ")
    assert item["lineItem"]["scoreMaximum"] == 100


def test_a_learner_cannot_open_the_deep_linking_picker(client, registered):
    learner_roles = ("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",)
    response, _ = launch(client, registered, lambda nonce: registered.deep_link_claims(
        nonce, **{"https://purl.imsglobal.org/spec/lti/claim/roles": list(learner_roles)}))
    assert response.status_code == 403
    assert "Only a teacher" in text_of(response)


def test_the_deep_linking_choice_must_name_an_offered_course(client, registered):
    response, _ = launch(client, registered, registered.deep_link_claims)
    launch_id = response.get_data(as_text=True).split(
        'name="launch_id" value="')[1].split('"')[0]
    wrong = client.post("/lti/deep-link", data={"launch_id": launch_id, "choice": "nope"})
    assert wrong.status_code == 400
    assert "does not lead to a course" in text_of(wrong)
    unknown = client.post("/lti/deep-link", data={"launch_id": "lti1p3-launch-forged",
                                                  "choice": "mini"})
    assert unknown.status_code == 400


def test_the_data_download_says_which_platform_linked_the_account(client, registered):
    follow(client, launch(client, registered, registered.resource_claims)[0])
    data = client.get("/profile/data.json").get_json()
    assert data["learning_platforms"] == [
        {"issuer": registered.issuer, "subject": "canvas-user-42",
         "linked_at": data["learning_platforms"][0]["linked_at"]}]


def test_a_deactivated_account_is_not_let_in(app, client, registered):
    follow(client, launch(client, registered, registered.resource_claims)[0])
    with app.app_context():
        user = db.session.scalar(select(User).join(LtiAccount, LtiAccount.user_id == User.id))
        user.active = False
        db.session.commit()
    again = app.test_client()
    response, _ = launch(again, registered, registered.resource_claims)
    assert response.status_code == 403
    assert "deactivated" in text_of(response)
    assert again.get("/my-learning").status_code == 302


def test_a_link_to_no_course_of_ours_says_so(client, registered):
    response, _ = launch(client, registered,
                         lambda nonce: registered.resource_claims(nonce, course="gone"))
    assert response.status_code == 400
    assert "does not lead to a course of ours" in text_of(response)
    # Inside the platform's iframe: the launch was valid, so its pages may frame the answer.
    assert "https://district.example.edu" in response.headers["Content-Security-Policy"]


def test_a_refusal_before_the_platform_is_known_shows_in_any_frame(client, registered):
    response = client.post("/lti/launch", data={"state": "state-x", "id_token": "a.b.c"})
    assert response.status_code == 400
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


def test_a_launched_person_deletes_their_account_without_a_password(app, client, registered):
    """An account opened from a platform has no password, and "Delete my account" asked for
    one: the person could not delete it. It asks them to confirm instead."""
    follow(client, launch(client, registered, registered.resource_claims)[0])
    page = text_of(client.get("/profile/delete"))
    assert "Your password" not in page and "I understand that this deletes" in page
    refused = client.post("/profile/delete", data={})
    assert refused.status_code == 400 and "Tick the box to confirm." in text_of(refused)
    with app.app_context():
        launched = db.session.scalar(select(LtiAccount.user_id))
    done = client.post("/profile/delete", data={"understood": "y"}, follow_redirects=True)
    assert "Your account and your data have been deleted." in text_of(done)
    with app.app_context():
        assert db.session.get(User, launched) is None
        assert db.session.scalar(select(func.count(LtiAccount.id))) == 0


def test_the_box_does_not_stand_in_for_a_password_that_exists(app, client, auth, learner):
    auth.login()
    refused = client.post("/profile/delete", data={"understood": "y"})
    assert refused.status_code == 400 and "Enter your password." in text_of(refused)
    with app.app_context():
        assert db.session.get(User, learner) is not None
