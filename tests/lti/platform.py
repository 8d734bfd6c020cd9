"""A test LTI 1.3 platform: its own RSA key, a real HTTP server on loopback (a thread) that
serves its JWKS, grants grade-service tokens to a tool whose signed request checks out against
the tool's published JWKS, and records the scores posted to its line items; and it signs launch
id_tokens as Canvas or Moodle would."""
from __future__ import annotations

import html
import json
import threading
import time
import uuid
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

CLIENT_ID = "tool-client-1"
DEPLOYMENT_ID = "deployment-1"
ACCESS_TOKEN = "platform-access-token"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"


@lru_cache(maxsize=4)
def rsa_key(name: str) -> str:
    """A PEM private key, made once per test run (each name its own key)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_jwk(private_pem: str, kid: str) -> dict:
    jwk = JWK.from_pem(private_pem.encode())
    return {**json.loads(jwk.export_public()), "kid": kid, "alg": "RS256", "use": "sig"}


class TestPlatform:
    """One platform; `issuer` is its server's address."""

    __test__ = False  # not a test class

    def __init__(self):
        self.private_pem = rsa_key("platform")
        self.kid = "platform-key-1"
        self.tool_jwks: dict | None = None  # what the tool publishes, read from /lti/jwks
        self.token_requests: list[dict] = []
        self.scores: list[dict] = []
        self.refused: list[str] = []
        # For a browser: what /auth signs for the nonce it is given, and what came back.
        self.auth_claims = None  # callable(nonce) -> claims
        self.deep_link_responses: list[str] = []
        self.class_page_frame: str | None = None  # the tool's address the class page frames
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._server.shutdown()
        self._server.server_close()

    # -- what an admin copies into the tool's registration form
    @property
    def registration(self) -> dict:
        return {"name": "Test District Canvas", "issuer": self.issuer, "client_id": CLIENT_ID,
                "deployment_ids": DEPLOYMENT_ID, "auth_login_url": self.issuer + "/auth",
                "auth_token_url": self.issuer + "/token", "key_set_url": self.issuer + "/jwks"}

    def lineitem(self, number: int = 1) -> str:
        return f"{self.issuer}/courses/7/lineitems/{number}/lineitem"

    # -- launches
    def id_token(self, claims: dict, *, key: str | None = None, kid: str | None = None,
                 algorithm: str = "RS256") -> str:
        headers = {"kid": kid or self.kid}
        return jwt.encode(claims, key or self.private_pem, algorithm=algorithm, headers=headers)

    def claims(self, nonce: str, *, subject: str = "canvas-user-42", message_type: str =
               "LtiResourceLinkRequest", roles=("http://purl.imsglobal.org/vocab/lis/v2/"
                                                "membership#Learner",), **extra) -> dict:
        now = int(time.time())
        return {
            "iss": self.issuer, "aud": [CLIENT_ID], "sub": subject, "nonce": nonce,
            "iat": now, "exp": now + 300, "name": "Robin Launched",
            LTI + "deployment_id": DEPLOYMENT_ID, LTI + "message_type": message_type,
            LTI + "version": "1.3.0", LTI + "roles": list(roles),
            LTI + "launch_presentation": {"return_url": "https://district.example.edu/courses/7"},
            **extra,
        }

    def resource_claims(self, nonce: str, *, course: str = "mini", module: str | None = None,
                        lineitem: str | None = None, **extra) -> dict:
        custom = {"course": course, **({"module": module} if module else {})}
        ags = {"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": [SCORE_SCOPE, LINEITEM_SCOPE], "lineitem": lineitem,
            "lineitems": self.issuer + "/courses/7/lineitems"}} if lineitem else {}
        return self.claims(nonce, **{LTI + "resource_link": {"id": "link-1"},
                                     LTI + "custom": custom, **ags, **extra})

    def deep_link_claims(self, nonce: str, **extra) -> dict:
        return self.claims(
            nonce, message_type="LtiDeepLinkingRequest",
            roles=("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",),
            **{"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
                "deep_link_return_url": self.issuer + "/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "data": "opaque-platform-data"}}, **extra)

    # -- the server
    def _handler(self):
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # quiet
                pass

            def _reply(self, status: int, body: dict | None = None):
                data = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _html(self, status: int, html: str):
                data = html.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802 (http.server's name)
                if self.path == "/jwks":
                    return self._reply(200, {"keys": [public_jwk(platform.private_pem,
                                                                 platform.kid)]})
                if self.path == "/class":  # the platform's page that shows the tool inside
                    return self._html(200, '<h1>Class page</h1><iframe title="Course" '
                                      f'src="{html.escape(platform.class_page_frame)}">'
                                      '</iframe>')
                if self.path.startswith("/auth?"):
                    return self._authorize(parse_qs(urlsplit(self.path).query))
                return self._reply(404)

            def _authorize(self, query: dict):
                """The platform's OIDC authorization: the launch, form-posted by the browser
                (a real platform checks its own session and the login hint first)."""
                token = platform.id_token(platform.auth_claims(query["nonce"][0]))
                return self._html(200, (
                    f'<form method="post" action="{html.escape(query["redirect_uri"][0])}">'
                    f'<input type="hidden" name="id_token" value="{token}">'
                    f'<input type="hidden" name="state" value="{html.escape(query["state"][0])}">'
                    '</form><script>document.forms[0].submit()</script>'))

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.path == "/token":
                    return self._token(parse_qs(body))
                if self.path == "/deep-link-return":
                    platform.deep_link_responses.append(parse_qs(body)["JWT"][0])
                    return self._html(200, "<h1>Placed in your class</h1>")
                if self.path.endswith("/lineitem/scores"):
                    if self.headers.get("Authorization") != f"Bearer {ACCESS_TOKEN}":
                        platform.refused.append("score without the access token")
                        return self._reply(401)
                    platform.scores.append({"lineitem": urlsplit(self.path).path,
                                            "content_type": self.headers["Content-Type"],
                                            **json.loads(body)})
                    return self._reply(200)
                return self._reply(404)

            def _token(self, form: dict):
                """Grant a token only to a client assertion the tool's JWKS verifies."""
                assertion = form.get("client_assertion", [""])[0]
                try:
                    kid = jwt.get_unverified_header(assertion)["kid"]
                    key = next(k for k in platform.tool_jwks["keys"] if k["kid"] == kid)
                    claims = jwt.decode(assertion, jwt.PyJWK(key).key, algorithms=["RS256"],
                                        audience=platform.issuer + "/token")
                except Exception as error:  # any failure is the tool's fault: refuse
                    platform.refused.append(f"token: {error}")
                    return self._reply(401, {"error": "invalid_client"})
                platform.token_requests.append({"claims": claims,
                                                "scope": form.get("scope", [""])[0]})
                return self._reply(200, {"access_token": ACCESS_TOKEN, "token_type": "Bearer",
                                         "expires_in": 3600})

        return Handler


def new_nonce() -> str:
    return uuid.uuid4().hex
