"""Tokens and keys never reach a log: gunicorn's access log (any format), nor the app's log."""
import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config as GunicornConfig

from tests.api.helpers import admin_client, bearer, make_key, make_token

SECRET = "lms_key_" + "Zx9" * 14


def test_the_access_log_hides_the_authorization_header_and_any_secret(tmp_path):
    config = GunicornConfig()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("logger_class", "lms.access_log.RedactingLogger")
    # A format that asks for the very header the secret is in, and the Referer.
    config.set("access_log_format",
               '%(h)s "%(r)s" %(s)s "%({authorization}i)s" "%({referer}i)s" %(q)s')
    logger = config.logger_class(config)
    path, query = "/api/v1/courses/mini/completions", f"limit=5&access_token={SECRET}"
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"{path}?{query}", "PATH_INFO": path,
               "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "10.0.0.1", "HTTP_AUTHORIZATION": f"Bearer {SECRET}",
               "HTTP_REFERER": f"https://crm.example.org/?key={SECRET}"}
    request = SimpleNamespace(headers=[("Authorization", f"Bearer {SECRET}"),
                                       ("Referer", f"https://crm.example.org/?key={SECRET}")])
    logger.access(SimpleNamespace(status="200 OK", headers=[], sent=10), request, environ,
                  timedelta(seconds=0))
    line = (tmp_path / "access.log").read_text()
    assert "Zx9Zx9" not in line
    assert f"GET {path}?limit=5" in line and "lms_key_[hidden]" in line and "[hidden]" in line


def test_the_apps_log_never_holds_a_secret(app, client, auth, learner, course, caplog):
    caplog.set_level(logging.DEBUG)
    auth.login()
    token = make_token(client)
    key = make_key(admin_client(app))
    api = app.test_client()
    api.get("/api/v1/me/progress", headers=bearer(token))
    api.get("/api/v1/courses/mini/enrolments", headers=bearer(key))
    api.get("/api/v1/courses/mini/enrolments", headers=bearer(key + "x"))  # a wrong one
    assert token not in caplog.text and key not in caplog.text
