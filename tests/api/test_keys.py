"""API keys: made by admins in the browser with scopes, shown once, stored hashed, revocable,
audited (never the secret), rate limited per key; and what they read."""
import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select, update

from lms.api.models import ApiKey
from lms.audit import AuditEvent
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.models import Enrolment
from tests.api.helpers import admin_client, bearer, is_problem, make_key, make_token
from tests.reports.helpers import learners

TODAY = utcnow().date().isoformat()


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_an_admin_makes_a_key_shown_once_and_audited_without_its_secret(app, course):
    admin = admin_client(app)
    secret = make_key(admin, ["certificates:read"])
    assert secret.startswith("lms_key_")
    listing = admin.get("/admin/api-keys/").get_data(as_text=True)
    assert secret not in listing and secret[:14] in listing and "our CRM" in listing
    with app.app_context():
        key = db.session.scalar(select(ApiKey))
        assert key.scopes == "certificates:read" and secret != key.secret_hash
        events = list(db.session.scalars(select(AuditEvent)))
    assert [event.action for event in events] == ["api key created"]
    assert all(secret not in f"{e.target} {e.detail}" for e in events)
    audit_page = admin.get("/admin/audit").get_data(as_text=True)
    assert "API key created" in audit_page and secret not in audit_page


def test_a_key_needs_a_name_and_a_scope(app):
    admin = admin_client(app)
    response = admin.post("/admin/api-keys/", data={"name": "crm"})
    assert response.status_code == 400
    assert "Choose at least one thing the key may read." in response.get_data(as_text=True)
    response = admin.post("/admin/api-keys/", data={"name": "crm", "scopes": ["everything"]})
    assert response.status_code == 400


def test_a_revoked_key_stops_at_its_next_request_and_the_audit_says_who(app, course):
    admin = admin_client(app)
    secret = make_key(admin)
    api = app.test_client()
    assert api.get("/api/v1/courses/mini/completions", headers=bearer(secret)).status_code == 200
    with app.app_context():
        key_id = db.session.scalar(select(ApiKey.id))
    page = admin.post(f"/admin/api-keys/{key_id}/revoke", follow_redirects=True)
    assert "is revoked" in page.get_data(as_text=True)
    assert is_problem(api.get("/api/v1/courses/mini/completions", headers=bearer(secret)), 401)
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["api key created", "api key revoked"]


def test_a_key_without_the_scope_gets_403(app, course):
    secret = make_key(admin_client(app), ["certificates:read"])
    api = app.test_client()
    for path in ("/api/v1/courses/mini/enrolments", "/api/v1/courses/mini/completions",
                 "/api/v1/courses/mini/reports/funder"):
        assert is_problem(api.get(path, headers=bearer(secret)), 403)
    assert is_problem(api.get("/api/v1/certificates/AAAA-BBBB-CCCC-DDDD",
                              headers=bearer(secret)), 404)


def test_a_token_is_not_a_key(app, client, auth, learner, course):
    auth.login()
    token = make_token(client)
    assert is_problem(app.test_client().get("/api/v1/courses/mini/enrolments",
                                            headers=bearer(token)), 401)


def test_only_admins_reach_the_keys_page(app, client, auth, learner):
    auth.login()
    assert client.get("/admin/api-keys/").status_code == 404
    assert client.post("/admin/api-keys/", data={"name": "x",
                                                 "scopes": ["reports:read"]}).status_code == 404


def test_every_use_is_rate_limited_per_key(app, course):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    admin = admin_client(app)
    first, second = make_key(admin, name="one"), make_key(admin, name="two")
    api = app.test_client()
    for _ in range(3):
        assert api.get("/api/v1/courses/mini/enrolments", headers=bearer(first)).status_code == 200
    limited = api.get("/api/v1/courses/mini/enrolments", headers=bearer(first))
    assert is_problem(limited, 429)
    assert "Retry-After" in limited.headers
    assert api.get("/api/v1/courses/mini/enrolments", headers=bearer(second)).status_code == 200


def test_pagination_walks_every_row_once(app, course):
    ids = learners(app, 7, lessons=1, basics=[], next_steps=False)
    secret = make_key(admin_client(app))
    api = app.test_client()
    url = f"/api/v1/courses/mini/enrolments?limit=3&to={TODAY}"
    seen, pages = [], 0
    while url:
        body = api.get(url, headers=bearer(secret)).get_json()
        seen += [item["learner"]["id"] for item in body["items"]]
        pages += 1
        if pages == 1:  # someone enrols while the client walks: no row twice, none skipped
            ids += learners(app, 1, lessons=1, basics=[], next_steps=False, prefix="late")
        url = _path(body["next"]) if body["next"] else None
    assert pages == 3
    assert seen == ids and len(set(seen)) == 8


def test_a_cursor_is_opaque_and_bound_to_its_query(app, course):
    learners(app, 3, lessons=1, basics=[], next_steps=False)
    secret = make_key(admin_client(app))
    api = app.test_client()
    first = api.get("/api/v1/courses/mini/enrolments?limit=1", headers=bearer(secret)).get_json()
    cursor = re.search(r"cursor=([^&]+)", first["next"]).group(1)
    for url in (f"/api/v1/courses/mini/completions?limit=1&cursor={cursor}",
                "/api/v1/courses/mini/enrolments?cursor=forged",
                "/api/v1/courses/mini/enrolments?limit=0",
                "/api/v1/courses/mini/enrolments?from=2026-13-01",
                "/api/v1/courses/mini/enrolments?from=2030-01-01&to=2029-01-01"):
        response = api.get(url, headers=bearer(secret))
        assert is_problem(response, 422), url
        assert response.get_json()["errors"]


def test_completions_are_by_completion_date(app, course):
    done = learners(app, 2)
    learners(app, 1, lessons=1, basics=[], next_steps=False, prefix="started")
    with app.app_context():
        db.session.execute(update(Enrolment).where(Enrolment.user_id == done[0])
                           .values(completed_at=utcnow() - timedelta(days=40)))
        db.session.commit()
    secret = make_key(admin_client(app), ["enrolments:read"])
    since = (utcnow() - timedelta(days=10)).date().isoformat()
    body = app.test_client().get(f"/api/v1/courses/mini/completions?from={since}",
                                 headers=bearer(secret)).get_json()
    assert [item["learner"]["id"] for item in body["items"]] == [done[1]]
    assert body["items"][0]["learner"]["email"] == "parent1@example.org"
    assert body["next"] is None


def test_certificate_status_by_code_or_id(app, course):
    [holder] = learners(app, 1)
    secret = make_key(admin_client(app), ["certificates:read"])
    with app.app_context():
        certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == holder))
        code, certificate_id = certificate.code, certificate.id
    api = app.test_client()
    by_code = api.get(f"/api/v1/certificates/{code.lower()}", headers=bearer(secret)).get_json()
    by_id = api.get(f"/api/v1/certificates/{certificate_id}", headers=bearer(secret)).get_json()
    assert by_code == by_id
    assert by_code["code"] == code and by_code["valid"] is True and by_code["course"] == "mini"
    assert by_code["verify_url"].endswith(f"/verify/{code}")


def _page_cells(page_html: str) -> list[str]:
    return [html.unescape(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", page_html,
                                                               re.S)]


def test_the_funder_figures_hide_small_groups_exactly_as_the_page(app, course):
    learners(app, 4)  # completed: a group of 4, hidden
    learners(app, 10, lessons=2, basics=[], next_steps=False, prefix="started")
    admin = admin_client(app)
    secret = make_key(admin, ["reports:read"])
    body = app.test_client().get(f"/api/v1/courses/mini/reports/funder?to={TODAY}",
                                 headers=bearer(secret)).get_json()
    figures = {figure["measure"]: figure for figure in body["figures"]}
    assert figures["Unduplicated learners served"] == {
        "measure": "Unduplicated learners served", "value": 14, "hidden": False, "percent": None}
    assert figures["Certificates issued"]["hidden"] is True
    assert figures["Certificates issued"]["value"] is None
    page = admin.get(f"/manage/mini/reports/funder?to={TODAY}").get_data(as_text=True)
    api_cells = [str(cell) for table in body["tables"] for row in table["rows"] for cell in row]
    assert api_cells == _page_cells(page)
    assert "fewer than 10" in api_cells
