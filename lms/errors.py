"""Error pages: every failure gets a plain page with a clear message and the right status."""

from flask import Flask, Response, current_app, g, render_template
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from lms.extensions import login_manager
from lms.outage import RETRY_AFTER_SECONDS, is_connection_error, rollback_quietly

MESSAGES = {
    400: _l("We could not understand that request. Please check what you entered and try again."),
    403: _l("You do not have permission to open this page."),
    404: _l("We could not find that page. It may have moved, or the link may be wrong."),
    405: _l("That action is not allowed here."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Your saved progress is safe. Please try again."),
}


UNAVAILABLE = _l("The course is briefly unavailable and will be back shortly. Please try again in "
                 "a minute. Your saved progress is safe.")


def unavailable(error: Exception):
    """503 while the database cannot be reached (lms/outage.py), never 500. The page is built
    without the database: no signed-in user, no guest, no course list."""
    rollback_quietly()
    g._login_user = login_manager.anonymous_user()  # Flask-Login's slot: load no account now
    current_app.logger.warning("Database unreachable: %s", type(error.orig or error).__name__)
    body = (render_template("errors/unavailable.html", message=str(UNAVAILABLE))
            if request_ctx.url_adapter is not None else str(UNAVAILABLE))
    response = Response(body, status=503, mimetype="text/html"
                        if request_ctx.url_adapter is not None else "text/plain")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def register_error_handlers(app: Flask, api_problems=None) -> None:
    """api_problems (lms/api/problems.py) answers the JSON API's requests with problem details
    instead of pages: its under_api(), from_exception(error) and problem(status, headers=)."""

    def api_request() -> bool:
        return api_problems is not None and api_problems.under_api()

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        if not is_connection_error(error):
            raise error  # a bug, not an outage: the 500 page and the log, as before
        if api_request():
            page = unavailable(error)
            return api_problems.problem(503, headers={"Retry-After": page.headers["Retry-After"]})
        return unavailable(error)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _(
            "This form expired or was sent from elsewhere. Please go back, reload and try again."
        )
        return render_template("errors/error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if api_request():
            return api_problems.from_exception(error)
        code = error.code or 500
        if code == 500 and is_connection_error(getattr(error, "original_exception", None)):
            return unavailable(error.original_exception)  # e.g. raised by an after_request
        message = str(MESSAGES.get(code, error.description))
        if request_ctx.url_adapter is None:  # e.g. an untrusted Host: no page can build links
            return Response(message, status=code, mimetype="text/plain")
        return render_template("errors/error.html", code=code, message=message), code
