"""Every route, walked with every role: nobody reaches what their role should not reach.

Each endpoint must be declared in ACCESS; a new route that is not fails this test until someone
decides who may open it.
"""
import re

import pytest

from lms.auth.models import Role
from tests.conftest import PASSWORD
from tests.factories import make_user

PUBLIC, LOGIN, ANY_TRAINER, STAFF, ADMIN = "public", "login", "any trainer", "staff", "admin"
# The JSON API's credential routes: no role reaches them with its cookie session (each gets a
# 401); a personal token or an API key does (test_credential_routes below).
TOKEN, KEY = "personal token only", "API key only"

ACCESS = {
    "static": PUBLIC,
    # The portal: the catalogue, and the single-course addresses of before it (301s).
    "portal.home": PUBLIC, "legacy.lesson": PUBLIC, "legacy.module": PUBLIC,
    "legacy.quiz": PUBLIC, "legacy.resources": PUBLIC, "legacy.resource": PUBLIC,
    "legacy.resource_pdf": PUBLIC, "legacy.glossary": PUBLIC, "legacy.introduction": PUBLIC,
    "legacy.complete_lesson": PUBLIC, "legacy.submit_quiz": PUBLIC,
    # Any trainer lists the courses they run and creates a course (becoming its staff).
    "course_admin.index": ANY_TRAINER, "course_admin.new_course": ANY_TRAINER,
    "course_admin.new_course_from_zip": ANY_TRAINER,
    # A course's visibility, place and staff: admins only.
    "authoring.settings": ADMIN, "authoring.add_staff": ADMIN, "authoring.remove_staff": ADMIN,
    "authoring.move": ADMIN,
    # Its staff publish a draft course whose text came in whole (a zip or the CLI).
    "authoring.publish_imported": STAFF,
    "learn.home": PUBLIC, "learn.introduction": PUBLIC, "learn.module": PUBLIC,
    "learn.lesson": PUBLIC, "learn.glossary": PUBLIC, "learn.resources": PUBLIC,
    "learn.resource": PUBLIC, "learn.resource_pdf": PUBLIC, "portal.accessibility": PUBLIC,
    "auth.signup": PUBLIC, "auth.finish_signup": PUBLIC, "auth.login": PUBLIC,
    "auth.logout": PUBLIC, "auth.reset_request": PUBLIC, "auth.reset_password": PUBLIC,
    "auth.profile": LOGIN, "auth.change_password": LOGIN, "auth.log_out_everywhere": LOGIN,
    # A visitor's steps are kept for their device (a guest); isolation is checked in
    # tests/progress/test_guest_pages.py. My learning sends a visitor with nothing kept to log in.
    "learn.complete_lesson": PUBLIC, "learn.confirm_complete": PUBLIC, "learn.quiz": PUBLIC,
    "learn.answer_quiz": PUBLIC, "learn.submit_quiz": PUBLIC, "portal.my_learning": PUBLIC,
    # N8: a visitor deletes this device's progress; after log-in, the account holder chooses
    # whether it joins their account (tests/progress/test_device_choice.py).
    "portal.forget_device": PUBLIC, "portal.device_progress": LOGIN,
    "privacy.download_data": LOGIN, "privacy.delete": LOGIN,
    "uploads.image": PUBLIC, "uploads.legacy_image": PUBLIC,
    # Certificate pages also check ownership (tests/certificates/test_pages.py): others get 404.
    "certificates.mine": LOGIN, "certificates.show": LOGIN, "certificates.status": LOGIN,
    "certificates.download": LOGIN, "certificates.correction": LOGIN,
    "certificates.verify_form": PUBLIC, "certificates.verify": PUBLIC,
    "certificates.verify_file": PUBLIC, "certificates.download_credential": LOGIN,
    "certificates.credential_json": LOGIN,
    # Open Badges: what any verifier must reach, without an account.
    "certificates.issuer": PUBLIC, "certificates.jwks": PUBLIC,
    "certificates.credential_status": PUBLIC,
    "admin.certificates": ADMIN, "admin.certificate": ADMIN, "admin.revoke": ADMIN,
    "admin.reissue": ADMIN, "admin.render_again": ADMIN, "admin.reinstate": ADMIN,
    "corrections.queue": ADMIN, "corrections.reissue": ADMIN, "corrections.decline": ADMIN,
    "people.search": ADMIN, "people.person": ADMIN, "people.change_role": ADMIN,
    "people.set_active": ADMIN, "people.audit_log": ADMIN,
    "invites.invite": ADMIN, "invites.invite_file": ADMIN,
    # Webhooks (lms/admin/webhook_routes.py): endpoints, secrets and the delivery log.
    "webhooks.index": ADMIN, "webhooks.register": ADMIN, "webhooks.endpoint": ADMIN,
    "webhooks.rotate": ADMIN, "webhooks.disable": ADMIN, "webhooks.enable": ADMIN,
    "webhooks.delete": ADMIN, "webhooks.replay": ADMIN,
    # The emailed invitation link is the permission (tests/admin/test_invites.py).
    "invitation.accept": PUBLIC,
    "surveys.about_you": LOGIN,
    "reminders.meeting": LOGIN, "reminders.remove_meeting": LOGIN,
    # The signed link is the permission (tests/reminders/test_unsubscribe.py).
    "reminders.unsubscribe": PUBLIC,
    # The installable app and its offline crisis kit (lms/offline).
    "offline.service_worker": PUBLIC, "offline.manifest": PUBLIC, "offline.favicon": PUBLIC,
    "offline.offline_page": PUBLIC,
    # The LTI tool (tests/lti/): a platform's signed launch is the permission, checked by the
    # tool (forged ones: tests/lti/test_forged_launches.py); its one-time links work once.
    "lti.jwks": PUBLIC, "lti.login": PUBLIC, "lti.launch": PUBLIC, "lti.deep_link": PUBLIC,
    "lti.arrive": PUBLIC, "lti.continue_in_window": PUBLIC,
    "lti_admin.index": ADMIN, "lti_admin.new_platform": ADMIN, "lti_admin.edit_platform": ADMIN,
    "lti_admin.remove_platform": ADMIN,
    # The JSON API (lms/api): its document and the catalogue are public; a learner's own records
    # take their personal token, an organisation's reads take an API key (with a scope).
    "api-docs.openapi_json": PUBLIC, "api_public.courses": PUBLIC,
    "api_public.course_outline": PUBLIC,
    "api_learner.my_progress": TOKEN, "api_learner.my_certificates": TOKEN,
    "api_organisation.enrolments": KEY, "api_organisation.completions": KEY,
    "api_organisation.certificate_status": KEY, "api_organisation.funder_report": KEY,
    # The pages that make them: a learner's tokens on their profile, the admins' keys.
    "api_tokens.index": LOGIN, "api_tokens.create": LOGIN, "api_tokens.revoke": LOGIN,
    "api_keys.key_list": ADMIN, "api_keys.create_key": ADMIN, "api_keys.revoke_key": ADMIN,
}
# Reports: the course's staff and admins, aggregates only (tests/reports/test_no_names.py).
REPORTS = ["activity", "funnel", "quizzes", "completion", "funder"]
ACCESS.update({"reports.index": STAFF})
ACCESS.update({f"reports.{name}{suffix}": STAFF for name in REPORTS for suffix in ("", "_csv")})
# The authoring blueprint guards every one of its routes in one before_request hook: the
# course's staff and admins; a trainer of another course gets 403.
AUTHORING = [
    "manage", "edit_course", "new_module", "edit_module", "move_module", "retire_module",
    "publish", "discard", "history", "revision", "diff", "restore", "export_zip",
    "import_course", "apply_import", "images", "new_lesson", "edit_lesson", "move_lesson",
    "place_lesson", "retire_lesson", "preview_home", "preview_module", "preview_lesson",
    "preview_quiz", "edit_quiz", "delete_image", "edit_handout", "edit_lesson_spanish",
    "confirm_translation", "edit_module_spanish", "edit_handout_spanish", "edit_quiz_spanish",
    "edit_glossary_spanish",
    # Review dates (issue 21 item 2): what is due, and "reviewed, no change".
    "reviews_due", "mark_reviewed",
    # Issue 23 item 3: each item a publish changes, with its diff (before and after the
    # publish), and the Spanish editors of the course's description and introduction.
    "draft_change", "published_changes", "published_change", "edit_course_spanish",
    "edit_introduction_spanish",
    # The Markdown editor's live preview of text not saved yet (issue 23 item 3).
    "preview_markdown",
]
ACCESS.update({f"authoring.{name}": STAFF for name in AUTHORING})
# Values for URL arguments, so each route is tried on something that exists.
ARGUMENTS = {"course": "mini", "slug": "first-lesson", "filename": "style.css",
             "token": "no-such-token",
             "module_slug": "basics", "kind": "lesson", "number": 1, "name": "none.png",
             "certificate_id": 1, "code": "AAAA-BBBB-CCCC-DDDD", "user_id": 1,
             "request_id": 1, "endpoint_id": 1, "delivery_id": 1, "platform_id": 1,
             "certificate": "AAAA-BBBB-CCCC-DDDD", "token_id": 1, "key_id": 1, "version": 1}
ENDPOINT_ARGUMENTS = {"learn.module": {"slug": "basics"}, "learn.quiz": {"slug": "basics"},
                      "learn.submit_quiz": {"slug": "basics"},
                      "learn.answer_quiz": {"slug": "basics"},
                      "learn.resource": {"slug": "checklist"},
                      "learn.resource_pdf": {"slug": "checklist"},
                      "authoring.edit_handout": {"slug": "checklist"},
                      "authoring.edit_handout_spanish": {"slug": "checklist"},
                      "authoring.edit_module_spanish": {"slug": "basics"},
                      "authoring.edit_quiz_spanish": {"slug": "basics"},
                      **{f"api_{part}": {"slug": "mini"} for part in (
                          "public.course_outline", "organisation.enrolments",
                          "organisation.completions", "organisation.funder_report")}}
# The course dimension: a trainer of another course is not staff of this one.
OTHER_TRAINER, COURSE_STAFF = "trainer-of-another-course", "staff-of-this-course"
ROLES = ["visitor", Role.LEARNER, OTHER_TRAINER, COURSE_STAFF, Role.ADMIN]
ALLOWED = {
    PUBLIC: set(ROLES),
    LOGIN: {Role.LEARNER, OTHER_TRAINER, COURSE_STAFF, Role.ADMIN},
    ANY_TRAINER: {OTHER_TRAINER, COURSE_STAFF, Role.ADMIN},
    STAFF: {COURSE_STAFF, Role.ADMIN},
    ADMIN: {Role.ADMIN},
    TOKEN: set(),
    KEY: set(),
}


def routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_is_declared(app):
    undeclared = sorted({rule.endpoint for rule, _ in routes(app)} - set(ACCESS))
    assert undeclared == []


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_routes_by_role(app, runner, course, role):
    runner.invoke(args=["content", "import"])  # renders the handout PDF
    client = app.test_client()
    if role != "visitor":
        with app.app_context():
            trainer = role in (OTHER_TRAINER, COURSE_STAFF)
            make_user(f"{role}@example.org", f"A {role}", PASSWORD,
                      Role.TRAINER if trainer else role,
                      staff_of=[course] if role == COURSE_STAFF else [])
        client.post("/login", data={"email": f"{role}@example.org", "password": PASSWORD})
    wrong = []
    for rule, method in routes(app):
        if rule.endpoint in {"auth.logout", "auth.log_out_everywhere",
                             "privacy.delete"} and method == "POST":
            continue  # would end the session (or the account) part-way through the walk
        values = {**{arg: ARGUMENTS[arg] for arg in rule.arguments},
                  **ENDPOINT_ARGUMENTS.get(rule.endpoint, {})}
        url = rule.build(values, append_unknown=False)[1]
        response = client.open(url, method=method)
        status = response.status_code
        refused = status in (401, 403, 404) or (
            status == 302 and response.headers["Location"].startswith("/login"))
        allowed = role in ALLOWED[ACCESS[rule.endpoint]]
        if allowed and status in (401, 403):
            wrong.append(f"{method} {url}: {status}, but {role} should reach it")
        if not allowed and not refused:
            wrong.append(f"{method} {url}: {status}, but {role} must not reach it")
        if status >= 500:
            wrong.append(f"{method} {url}: {status}")
    assert wrong == []


def test_credential_routes(app, client, auth, course):
    """Each token route answers its token and refuses a key; each key route the reverse."""
    with app.app_context():
        make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    auth.login("admin@example.org")
    made = {TOKEN: client.post("/profile/api-tokens/", data={"name": "script"}),
            KEY: client.post("/admin/api-keys/", data={"name": "crm", "scopes": [
                "enrolments:read", "certificates:read", "reports:read"]})}
    secrets = {kind: re.search(r'id="new-secret" readonly value="([^"]+)"',
                               response.get_data(as_text=True)).group(1)
               for kind, response in made.items()}
    api, wrong = app.test_client(), []
    for rule, method in routes(app):
        kind = ACCESS[rule.endpoint]
        if kind not in (TOKEN, KEY):
            continue
        values = {**{arg: ARGUMENTS[arg] for arg in rule.arguments},
                  **ENDPOINT_ARGUMENTS.get(rule.endpoint, {})}
        url = rule.build(values, append_unknown=False)[1]
        other = KEY if kind == TOKEN else TOKEN
        right = api.open(url, method=method, headers={"Authorization": f"Bearer {secrets[kind]}"})
        crossed = api.open(url, method=method,
                           headers={"Authorization": f"Bearer {secrets[other]}"})
        if right.status_code in (401, 403) or right.status_code >= 500:
            wrong.append(f"{method} {url}: {right.status_code} with its {kind}")
        if crossed.status_code != 401:
            wrong.append(f"{method} {url}: {crossed.status_code} with a {other}")
    assert wrong == []
