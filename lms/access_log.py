"""gunicorn's access log without the secrets some paths carry (audit finding N5).

An emailed link's token is its path: `/reset/<token>`, `/signup/<token>`,
`/unsubscribe/<token>`. Opening a link does not use it up (mail scanners open every link), so
a token read from the log would take the account. An LTI launch's one-time links out of the
platform's iframe (`/lti/arrive/<token>`, `/lti/continue/<token>`) are hidden too. The
Procfile runs gunicorn with `--logger-class lms.access_log.RedactingLogger`: every value of a
log line (the request line, the path, the Referer of the page after it, any header or environ
value a format asks for) keeps the path's start and loses the token.

The API's credentials (lms/api) travel in the Authorization header, which a log format may name
(`%({authorization}i)s`): that header, and the cookies, are never written; a token or key that
a client put anywhere else (a query string, a Referer) loses its secret part too.
"""
import re

from gunicorn.glogging import Logger

SECRET_PATH = re.compile(
    r"(/(?:reset|signup|unsubscribe|lti/arrive|lti/continue)/)[^/?#\s\"]+")
HIDDEN = r"\1[hidden]"
# lms/api/credentials.py's prefixes, then the secret's random part.
API_SECRET = re.compile(r"(lms_(?:pat|key)_)[A-Za-z0-9_-]+")
SECRET_HEADERS = frozenset({"{authorization}i", "{proxy-authorization}i", "{cookie}i"})


def redact(value):
    if not isinstance(value, str):
        return value
    return API_SECRET.sub(HIDDEN, SECRET_PATH.sub(HIDDEN, value))


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: "[hidden]" if name in SECRET_HEADERS else redact(value)
                for name, value in atoms.items()}
