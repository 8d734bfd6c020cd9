"""Who is calling the API: a learner by a personal token, an organisation by an API key; never
a browser's cookie session (so no API route needs a CSRF token). Every keyed or token request
is rate limited by the credential it carries."""
from flask import current_app, g, request
from werkzeug.exceptions import Forbidden, Unauthorized

from lms.api import keys, tokens
from lms.api.models import ApiKey
from lms.api.problems import under_api
from lms.auth.models import User
from lms.extensions import login_manager
from lms.rate_limits import limit_blueprint

_UNSET = object()


def bearer_secret() -> str | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and secret else None


def without_cookie_session(_endpoint=None, _values=None) -> None:
    """Under /api/, nobody is signed in by a cookie: Flask-Login's slot holds the anonymous
    user before anything (the language hook, a template) could load one from the session."""
    if under_api():
        g._login_user = login_manager.anonymous_user()


def _unauthorized() -> Unauthorized:
    error = Unauthorized()
    error.www_authenticate = []  # werkzeug's form; the header is set below
    error.data = {"headers": {"WWW-Authenticate": 'Bearer realm="api"'}}
    return error


def calling_key() -> ApiKey | None:
    """The live API key this request carries (looked up once per request)."""
    found = g.get("api_key", _UNSET)
    if found is _UNSET:
        secret = bearer_secret()
        found = g.api_key = keys.live_key(secret) if secret else None
    return found


def calling_learner() -> User | None:
    """The active learner whose live personal token this request carries (once per request)."""
    found = g.get("api_learner", _UNSET)
    if found is _UNSET:
        secret = bearer_secret()
        found = g.api_learner = tokens.token_user(secret) if secret else None
    return found


def needs_scope(scope: keys.Scope):
    """Mark a keyed view with the scope its key must hold (checked before its arguments)."""
    def mark(view):
        view.api_scope = scope
        return view
    return mark


def require_key() -> None:
    """before_request of the keyed blueprint: 401 without a live key, 403 without the scope."""
    if request.method == "OPTIONS":
        return  # a CORS preflight carries no credential, and reads nothing
    key = calling_key()
    if key is None:
        raise _unauthorized()
    view = current_app.view_functions.get(request.endpoint)
    scope = getattr(view, "api_scope", None)
    if scope is not None and scope.value not in key.scope_list:
        raise Forbidden()


def require_token() -> None:
    """before_request of the learner's blueprint: 401 without a live token."""
    if request.method != "OPTIONS" and calling_learner() is None:
        raise _unauthorized()


def _rate_key_for_key() -> str:
    key = calling_key()
    # No valid key: the address pays, so guessing keys is limited too.
    return f"api-key:{key.id}" if key else f"api-address:{request.remote_addr}"


def _rate_key_for_token() -> str:
    learner = calling_learner()
    return f"api-token-user:{learner.id}" if learner else f"api-address:{request.remote_addr}"


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def limit_by_key(blueprint) -> None:
    limit_blueprint(blueprint, _rate_limit, key_func=_rate_key_for_key)


def limit_by_token(blueprint) -> None:
    limit_blueprint(blueprint, _rate_limit, key_func=_rate_key_for_token)
