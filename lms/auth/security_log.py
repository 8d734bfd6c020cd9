"""Security events in the application log, one structured record each: what happened, to which
account (its id) and from which client address. Never a password, an email address or an
emailed link's token: whoever reads the log must not be able to take an account with it.

The record's `security_event` attribute holds the fields as a dict, for log shipping that
reads attributes; the message says the same in words for someone reading the plain log.
"""
import logging

from flask import has_request_context, request

logger = logging.getLogger("lms.security")

LOGIN_SUCCEEDED = "login_succeeded"
LOGIN_FAILED = "login_failed"
LOGIN_DEACTIVATED = "login_refused_deactivated"
LOCKED_OUT = "locked_out"  # a per-account limit refused the request (HTTP 429)
PASSWORD_CHANGED = "password_changed"  # noqa: S105 (an event name)
PASSWORD_RESET = "password_reset"  # noqa: S105 (an event name)
LOGGED_OUT_EVERYWHERE = "logged_out_everywhere"


def security_event(event: str, user_id: int | None, **details: str) -> None:
    """Log one security event for the account user_id (None: no such account, or unknown)."""
    record = {"event": event, "user_id": user_id,
              "address": request.remote_addr if has_request_context() else None, **details}
    logger.info("security event %s: user %s, address %s%s", event, user_id, record["address"],
                "".join(f", {name} {value}" for name, value in details.items()),
                extra={"security_event": record})
