"""gunicorn's access log without the secrets some paths carry (audit finding N5).

An emailed link's token is its path: `/reset/<token>`, `/signup/<token>`,
`/unsubscribe/<token>`. Opening a link does not use it up (mail scanners open every link), so
a token read from the log would take the account. An LTI launch's one-time links out of the
platform's iframe (`/lti/arrive/<token>`, `/lti/continue/<token>`) are hidden too. The
Procfile runs gunicorn with `--logger-class lms.access_log.RedactingLogger`: every value of a
log line (the request line, the path, the Referer of the page after it, any header or environ
value a format asks for) keeps the path's start and loses the token.
"""
import re

from gunicorn.glogging import Logger

SECRET_PATH = re.compile(
    r"(/(?:reset|signup|unsubscribe|lti/arrive|lti/continue)/)[^/?#\s\"]+")
HIDDEN = r"\1[hidden]"


def redact(value):
    return SECRET_PATH.sub(HIDDEN, value) if isinstance(value, str) else value


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) for name, value in atoms.items()}
