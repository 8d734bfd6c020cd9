"""Making tokens and keys as people do (on their pages), and calling the API with them."""
import html
import re

from lms.auth.models import Role
from tests.conftest import PASSWORD
from tests.factories import make_user

SECRET = re.compile(r'id="new-secret" readonly value="([^"]+)"')
PROBLEM = "application/problem+json"
ALL_SCOPES = ["enrolments:read", "certificates:read", "reports:read"]


def secret_on(response) -> str:
    found = SECRET.search(response.get_data(as_text=True))
    assert found, "the page shows no new secret"
    return html.unescape(found.group(1))


def make_token(client, name: str = "my spreadsheet") -> str:
    """The secret of a new token of the learner logged in on client (from the page)."""
    response = client.post("/profile/api-tokens/", data={"name": name})
    assert response.status_code == 201
    return secret_on(response)


def admin_client(app, email: str = "admin@example.org"):
    client = app.test_client()
    with app.app_context():
        make_user(email, "Ada Admin", PASSWORD, Role.ADMIN)
    client.post("/login", data={"email": email, "password": PASSWORD})
    return client


def make_key(admin, scopes=tuple(ALL_SCOPES), name: str = "our CRM") -> str:
    response = admin.post("/admin/api-keys/", data={"name": name, "scopes": list(scopes)})
    assert response.status_code == 201
    return secret_on(response)


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def is_problem(response, status: int) -> bool:
    body = response.get_json(force=True, silent=True) or {}
    return (response.status_code == status and response.mimetype == PROBLEM
            and body.get("status") == status and body.get("type") == "about:blank"
            and bool(body.get("title")) and bool(body.get("detail")))
