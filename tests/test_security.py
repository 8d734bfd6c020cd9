"""Security basics: headers, CSRF on every form, cookies, secrets, oversized bodies."""
import hashlib
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config as GunicornConfig

from lms import create_app
from lms.auth.account_mail import email_reset_link
from lms.config import PROJECT_ROOT, _secret_key
from lms.extensions import db
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import STRONG_KEY, production_environment, text_of


def test_security_headers_on_every_response(client, course):
    for url in ["/", "/courses/mini/lessons/first-lesson", "/login", "/nope", "/static/style.css"]:
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "base-uri 'none'" in csp  # no injected <base> can re-point relative links
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers


def test_hsts_when_served_over_https(client, course):
    headers = client.get("/", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.fixture
def csrf_app(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path / "instance"))
    return create_app({**app_config, "WTF_CSRF_ENABLED": True})


# RFC 8058 one-click unsubscribe: mail clients POST with no cookies and no token; the signed
# link is the permission (tests/reminders/test_unsubscribe.py). An LTI platform's form posts
# (login initiation, launch) carry its signed id_token instead, and the deep-linking choice the
# launch's id (tests/lti/). Each exemption, with what a post without its permission gets.
CSRF_EXEMPT = {"reminders.unsubscribe": 404, "lti.login": 400, "lti.launch": 400,
               "lti.deep_link": 400}


def test_every_post_without_a_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    posts = [rule for rule in csrf_app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) >= 25
    for rule in posts:
        url = rule.build({arg: "1" for arg in rule.arguments}, append_unknown=False)[1]
        response = client.post(url, data={"email": "a@example.org", "password": "whatever1"})
        if rule.endpoint in CSRF_EXEMPT:
            assert response.status_code == CSRF_EXEMPT[rule.endpoint], url  # no permission
            continue
        assert response.status_code == 400, url
        assert "This form expired" in text_of(response), url


def test_forms_carry_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    for url in ["/login", "/signup", "/reset"]:
        assert 'name="csrf_token"' in client.get(url).get_data(as_text=True)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_cookies_are_secure_and_host_only(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'production.sqlite3'}")
    app = create_app({"WTF_CSRF_ENABLED": False, "ARGON2_MEMORY_COST": 8, "ARGON2_TIME_COST": 1})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SECRET_KEY"] == STRONG_KEY
    with app.app_context():
        db.create_all()
        make_user("learner@example.org", "Lee", PASSWORD)
    client = app.test_client()
    response = client.post("/login", base_url="https://course.example.org", data={
        "email": "learner@example.org", "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    # __Host-: the browser keeps them only if Secure, for this host alone, on every path.
    assert any(c.startswith("__Host-session=") and "Secure" in c for c in cookies), cookies
    assert any(c.startswith("__Host-remember=") and "Secure" in c for c in cookies), cookies
    assert not any("Domain=" in c for c in cookies)
    assert client.get("/profile", base_url="https://course.example.org").status_code == 200


@pytest.mark.parametrize("key", ["a", "short-but-not-empty", "x" * 40])
def test_production_refuses_a_weak_secret_key(monkeypatch, tmp_path, key):
    production_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_per_process_rate_limit_counts(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        create_app()


def test_development_secret_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert len(first) == 64 and create_app().config["SECRET_KEY"] == first


def test_oversized_body_gets_413(client, course):
    response = client.post("/login", data={"email": "a" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in text_of(response)


def test_nul_bytes_anywhere_are_refused_before_any_save(client, auth, learner, course):
    assert (
        client.post(
            "/signup",
            data={"name": "A\x00", "email": "a@example.org", "password": "a long passphrase"},
        ).status_code
        == 400
    )
    auth.login()
    assert (
        client.post("/profile", data={"name": "Lee\x00", "certificate_name": ""}).status_code == 400
    )
    assert client.get("/courses/mini/lessons/first-lesson?x=%00").status_code == 400
    assert client.get("/courses/mini/lessons/first%00").status_code == 400


def test_the_development_secret_key_is_made_once_even_by_processes_starting_together(tmp_path):
    start = threading.Barrier(16)

    def key():
        start.wait()
        return _secret_key(tmp_path, production=False)

    with ThreadPoolExecutor(16) as pool:
        keys = set(pool.map(lambda _: key(), range(16)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary files left


def test_embedded_default_files_are_owner_only_and_the_log_holds_no_links(
        monkeypatch, tmp_path, caplog):
    instance = tmp_path / "instance"
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(instance))
    for name in ("SECRET_KEY", "DATABASE_URL", "MAIL_SERVER"):
        monkeypatch.delenv(name, raising=False)
    app = create_app({"ARGON2_MEMORY_COST": 8, "ARGON2_TIME_COST": 1})
    with app.app_context():
        db.create_all()
        make_user("learner@example.org", "Lee", PASSWORD)
        email_reset_link("learner@example.org")
    database = instance / "lms.sqlite3"
    outbox = Path(app.config["OUTBOX_DIR"])
    for path in [database, instance / "secret_key", outbox]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    [mail] = outbox.glob("*.eml")
    assert "/reset/" in mail.read_text()
    assert "written to" in caplog.text and "/reset/" not in caplog.text


def test_the_static_handler_never_reads_a_file_outside_the_static_folder(app, client):
    """N7: /static/%2e%2e/… made the server read and hash any file on disk."""
    static = app.view_functions["static"].__self__
    outside = Path(app.static_folder).parent / "config.py"
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()[:12]
    for spelling in (f"%2e%2e/config.{digest}.py", f"..%2fconfig.{digest}.py",
                     f"%2e%2e/%2e%2e/lms/config.{digest}.py", "%2e%2e/config.py"):
        assert client.get(f"/static/{spelling}").status_code == 404, spelling
    client.get("/static/./style.css")
    client.get("/static/css/..//style.css")
    assert static._digests  # the pages' own static files
    for name in static._digests:
        assert ".." not in name and (Path(app.static_folder) / name).is_file(), name
    assert client.get("/static/style.css").status_code == 200  # real files are still served


@pytest.mark.parametrize("path", ["/reset/LiveToken123", "/signup/LiveToken123",
                                  "/unsubscribe/eyJ1IjoxfQ.LiveToken123"])
def test_the_access_log_never_holds_an_emailed_links_token(tmp_path, path):
    """N5: gunicorn's access log recorded every opened reset, sign-up and unsubscribe link."""
    config = GunicornConfig()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("logger_class", "lms.access_log.RedactingLogger")
    logger = config.logger_class(config)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"{path}?x=1", "PATH_INFO": path,
               "QUERY_STRING": "x=1", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.1",
               "HTTP_REFERER": f"https://course.example.org{path}"}
    response = SimpleNamespace(status="200 OK", headers=[], sent=10)
    request = SimpleNamespace(headers=[("Referer", f"https://course.example.org{path}")])
    logger.access(response, request, environ, timedelta(seconds=0))
    line = (tmp_path / "access.log").read_text()
    assert "LiveToken123" not in line
    assert f"GET {path.rsplit('/', 1)[0]}/" in line and " 200 " in line
    assert "--logger-class lms.access_log.RedactingLogger" in (
        PROJECT_ROOT / "Procfile").read_text()
