"""The LTI tool in a real browser, with the test platform (tests/lti/platform.py): a teacher
places a course (the signed answer carried back by lms/static/lti-return.js under the site's
Content-Security-Policy), and a learner whose browser keeps no cookie in the platform's iframe
continues in a new window."""
import jwt
from playwright.sync_api import expect

from lms.auth.models import Role
from lms.extensions import db
from lms.lti import platforms
from lms.lti.forms import deployment_ids
from tests.factories import make_user
from tests.lti.platform import CLIENT_ID, TestPlatform


def register(platform: TestPlatform) -> None:
    admin = make_user("admin@example.org", "Ada Admin", "x" * 12, Role.ADMIN)
    values = dict(platform.registration)
    values["deployment_ids"] = deployment_ids(values["deployment_ids"])
    platforms.register_platform(admin.id, values)
    db.session.commit()


def test_a_teacher_places_a_course_and_the_platform_gets_the_signed_link(
        app, course, live_server, page):
    app.config["PUBLIC_BASE_URL"] = live_server  # the launch URL the platform posts to
    with TestPlatform() as platform, app.app_context():
        register(platform)
        platform.auth_claims = platform.deep_link_claims
        violations = []
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)

        page.goto(f"{live_server}/lti/login?iss={platform.issuer}&login_hint=teacher-1"
                  f"&client_id={CLIENT_ID}")
        expect(page.get_by_role("heading", name="Choose what to place")).to_be_visible()
        page.get_by_role("group", name="Mini Course").get_by_label("The whole course").check()
        page.get_by_role("button", name="Place it in my class").click()

        expect(page.get_by_role("heading", name="Placed in your class")).to_be_visible()
        [response] = platform.deep_link_responses
        keys = app.test_client().get("/lti/jwks").get_json()["keys"]
        claims = jwt.decode(response, jwt.PyJWK(keys[0]).key, algorithms=["RS256"],
                            audience=platform.issuer)
        [item] = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
        assert item["custom"] == {"course": "mini"}
        assert violations == []


def test_in_an_iframe_that_keeps_no_cookie_the_course_opens_in_a_new_window(
        app, course, live_server, page):
    """The platform's class page (127.0.0.1) frames the tool (localhost: another site). Over
    http the browser keeps none of the tool's cookies in that frame, as Safari does over https;
    the frame offers a new window, where the launch goes through and the course opens."""
    tool = live_server.replace("127.0.0.1", "localhost")
    app.config["PUBLIC_BASE_URL"] = tool
    with TestPlatform() as platform, app.app_context():
        register(platform)
        platform.auth_claims = platform.resource_claims
        platform.class_page_frame = (f"{tool}/lti/login?iss={platform.issuer}"
                                     f"&login_hint=learner-1&client_id={CLIENT_ID}")

        page.goto(platform.issuer + "/class")
        frame = page.frame_locator("iframe[title=Course]")
        link = frame.get_by_role("link", name="Continue in a new window")
        expect(link).to_be_visible()
        with page.expect_popup() as popup:
            link.click()
        window = popup.value
        window.wait_for_load_state()
        expect(window.get_by_role("heading", name="Mini Course")).to_be_visible()
        assert window.url == f"{tool}/courses/mini/"
