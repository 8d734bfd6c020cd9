"""Helpers for the certificate-life tests: the admin's browser, the holder's emails, and a check
that every link in an email opens."""
import email
import email.policy
import re
from pathlib import Path
from urllib.parse import urlsplit

from lms.auth.models import Role, User
from lms.extensions import db
from tests.conftest import PASSWORD
from tests.factories import make_user


def admin_browser(app):
    """A second browser, signed in as an admin (the holder keeps the first)."""
    with app.app_context():
        if not db.session.scalar(db.select(User).where(User.email == "ada@example.org")):
            make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    browser = app.test_client()
    browser.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    return browser


def emails_to(app, address: str) -> list[tuple[str, str]]:
    """(subject, body) of every email written to address, oldest first."""
    found = []
    for path in sorted(Path(app.config["OUTBOX_DIR"]).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address:
            found.append((str(message["Subject"]), message.get_content()))
    return found


def links_in(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def follow_every_link(client, body: str) -> list[str]:
    """Open each link as its reader would (signed in, following redirects): each must answer
    200. Returns the paths it ended on."""
    ends = []
    links = links_in(body)
    assert links, f"no links in:\n{body}"
    for link in links:
        parts = urlsplit(link)
        response = client.get(parts.path, query_string=parts.query, follow_redirects=True)
        assert response.status_code == 200, f"{link} gave {response.status_code}"
        ends.append(response.request.path)
    return ends
