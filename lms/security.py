"""Security headers on every response, input no page can store, and where a request came from."""
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, request

_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
]
CONTENT_SECURITY_POLICY = "; ".join([*_POLICY, "form-action 'self'", "frame-ancestors 'none'"])


def allow_framing_by(origins) -> None:
    """Let these origins (an LTI platform's pages) frame this response; every other response
    keeps frame-ancestors 'none' and X-Frame-Options DENY."""
    g.frame_ancestors = sorted(set(origins))


def allow_form_to(origin: str) -> None:
    """Let this response's form post to another site (an LTI deep-linking return address)."""
    g.form_targets = [origin]


def content_security_policy() -> str:
    ancestors, targets = g.get("frame_ancestors"), g.get("form_targets")
    if not ancestors and not targets:
        return CONTENT_SECURITY_POLICY
    return "; ".join([*_POLICY, " ".join(["form-action 'self'", *(targets or [])]),
                      "frame-ancestors " + (" ".join(ancestors) if ancestors else "'none'")])


def from_another_site() -> bool:
    """The browser says this request was started by another site (a link, a form, an <img>).

    Browsers send Sec-Fetch-Site (same-origin, same-site, cross-site, or none when the person
    typed the address or used a bookmark); an older browser is judged by its Referer, and one
    that sends neither by nothing, as before. Same-site counts as another site: a sibling
    subdomain is not this one.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    referrer = request.headers.get("Referer")
    return bool(referrer) and urlsplit(referrer).netloc != request.host


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def _has_body() -> bool:
    """Only a request with a body has a form: a page view skips parsing none."""
    return bool(request.content_length) or "chunked" in request.headers.get(
        "Transfer-Encoding", "").lower()


def register_security_headers(app: Flask) -> None:
    @app.before_request
    def refuse_nul_bytes():
        # No text a person types contains NUL, and PostgreSQL cannot store it: refuse it up front
        # with a 400 rather than fail deep inside a save.
        if ("\x00" in request.path
                or (request.query_string and _has_nul(request.args.values()))
                or (_has_body() and (_has_nul(request.form.keys())
                                     or _has_nul(request.form.values())))):
            abort(400)

    @app.after_request
    def set_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if not g.get("frame_ancestors"):  # X-Frame-Options cannot name an origin: CSP does
            response.headers["X-Frame-Options"] = "DENY"
        # A page this site opens, or that opens it, gets no handle on the other's window.
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response
