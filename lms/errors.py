"""Error pages: every failure gets a plain page with a clear message and the right status."""

from flask import Flask, Response, render_template
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: _l("We could not understand that request. Please check what you entered and try again."),
    403: _l("You do not have permission to open this page."),
    404: _l("We could not find that page. It may have moved, or the link may be wrong."),
    405: _l("That action is not allowed here."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Your saved progress is safe. Please try again."),
}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _(
            "This form expired or was sent from elsewhere. Please go back, reload and try again."
        )
        return render_template("errors/error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        message = str(MESSAGES.get(code, error.description))
        if request_ctx.url_adapter is None:  # e.g. an untrusted Host: no page can build links
            return Response(message, status=code, mimetype="text/plain")
        return render_template("errors/error.html", code=code, message=message), code
