"""The JSON API (/api/v1), its OpenAPI document, and the pages that make its tokens and keys."""
from flask import Flask, current_app, request

from lms.api import access
from lms.api.openapi import SETTINGS, ProblemApi
from lms.api.pages import keys_bp, tokens_bp
from lms.api.problems import under_api
from lms.api.routes import learner_bp, organisation_bp, public_bp
from lms.extensions import csrf

CORS_HEADERS = {"Access-Control-Allow-Headers": "Authorization",
                "Access-Control-Allow-Methods": "GET, OPTIONS",
                "Access-Control-Max-Age": "600"}


def init_app(app: Flask) -> None:
    for name, value in SETTINGS.items():
        app.config.setdefault(name, value)
    api = ProblemApi(app)
    for blueprint in (public_bp, learner_bp, organisation_bp):
        csrf.exempt(blueprint)  # no API route reads a cookie session: nothing to forge
        api.register_blueprint(blueprint)
    app.extensions["lms_api"] = api
    app.register_blueprint(tokens_bp)  # pages, with forms and CSRF like every other page
    app.register_blueprint(keys_bp)
    # A URL value preprocessor runs before every before_request hook, so no hook can load the
    # cookie's account first (lms/i18n.py reads current_user).
    app.url_value_preprocessor(access.without_cookie_session)
    app.after_request(_cors)


def _cors(response):
    """Cross-origin reads only from the origins API_CORS_ORIGINS names (none by default), and
    never with cookies (no Allow-Credentials)."""
    if not under_api():
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if origin and origin in (current_app.config.get("API_CORS_ORIGINS") or ()):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers.extend(CORS_HEADERS)
    return response
