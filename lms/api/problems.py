"""Errors under /api/ as RFC 9457 problem details (application/problem+json), whatever raised
them: a view, the URL map (404, 405), request validation (422) or the rate limiter (429)."""
import http

import marshmallow as ma
from flask import Response, current_app, json, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

API_ROOT = "/api/"
MEDIA_TYPE = "application/problem+json"

DETAILS = {
    400: _l("The request could not be understood."),
    401: _l("This needs a valid token or API key, sent as “Authorization: Bearer <token>”."),
    403: _l("This API key does not have the scope this needs."),
    404: _l("There is nothing at this address."),
    405: _l("This address does not take that method."),
    422: _l("Some of the request's values are not valid: see “errors”."),
    429: _l("Too many requests with this token or key. Please wait and try again."),
    500: _l("Something went wrong on our side. Please try again."),
    503: _l("The service is briefly unavailable. Please try again in a minute."),
}


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details; `errors` names each invalid value (422 only)."""

    type = ma.fields.String(required=True, metadata={"description": "about:blank"})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    errors = ma.fields.Dict(metadata={"description": "Each invalid value's messages, by place "
                                                     "(query, path) and name."})


def under_api() -> bool:
    return request.path.startswith(API_ROOT)


def problem(status: int, detail: str | None = None, headers=None, **extra) -> Response:
    """A problem+json response; detail defaults to the status's own sentence."""
    body = {"type": "about:blank", "title": http.HTTPStatus(status).phrase, "status": status,
            "detail": str(detail or DETAILS.get(status) or http.HTTPStatus(status).description),
            **extra}
    response = current_app.response_class(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    response.headers.extend(headers or {})
    return response


def from_exception(error: HTTPException) -> Response:
    """The problem for an HTTPException raised anywhere under /api/."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    extra = {}
    if "messages" in data:  # webargs' validation errors: {location: {field: [messages]}}
        extra["errors"] = data["messages"]
    detail = data.get("message") or (None if code in DETAILS else error.description)
    # The allowed methods of a 405, and the rate limiter's Retry-After, go with the problem.
    headers = [(name, value) for name, value in error.get_headers()
               if name.lower() != "content-type"] + list((data.get("headers") or {}).items())
    return problem(code, detail, headers, **extra)

