"""Flask-Limiter, bound so that a request pays for the limits it has and no others.

Flask-Limiter checks every request before its view for the limits set on the whole app
(default and application limits: this app sets none) and on the request's blueprint; a view
decorated with `limiter.limit` checks its own limits in its wrapper, whatever runs before. So
the check before the view only ever applies a blueprint's limits (the API's), and everywhere
else it spent a tenth of a cached page's CPU finding that out (docs/performance.md). Here it
runs only for blueprints given limits through `limit_blueprint`.

Its hooks after the view (the rate-limit headers, deductions made by the response) and at the
end of the request read and reset the state a check left: a request that checked no limit left
none, and they run only for a request that did (about 4% of a signed-in page's CPU).
"""
from flask import Flask, request
from flask.globals import request_ctx

from lms.extensions import limiter

_limited_blueprints: set[str] = set()


def limit_blueprint(blueprint, limit, key_func) -> None:
    """Every route of `blueprint` counts against `limit`, per key_func()."""
    limiter.limit(limit, key_func=key_func)(blueprint)
    _limited_blueprints.add(blueprint.name)


def init_app(app: Flask) -> None:
    if app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION"):
        raise RuntimeError("Limits for every route are not checked here: set them on the "
                           "routes or blueprints that need them (lms/rate_limits.py).")
    limiter.init_app(app)
    hooks = app.before_request_funcs[None]
    hooks[hooks.index(limiter._check_request_limit)] = _check_blueprint_limits
    for hooks in (app.after_request_funcs[None], app.teardown_request_funcs[None]):
        hooks[:] = [_only_after_a_check(hook) if _is_limiters(hook) else hook for hook in hooks]


def _check_blueprint_limits() -> None:
    if not _limited_blueprints.isdisjoint(request.blueprints):
        limiter._check_request_limit()


def _is_limiters(hook) -> bool:
    # Flask-Limiter's teardown is a method bound to the limiter; its after-request hook a
    # partial of its class's method, given the limiter.
    return getattr(hook, "__self__", None) is limiter or getattr(hook, "args", ())[:1] == (limiter,)


def _only_after_a_check(hook):
    def run_if_checked(value):
        # Where Flask-Limiter keeps a request's state, made by the first check that needs it.
        if hasattr(request_ctx._get_current_object(), "_limiter_request_context"):
            return hook(value)
        return value
    return run_if_checked
