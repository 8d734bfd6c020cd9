"""Rate limits on everything that checks a password or sends account mail: per client address,
and per account, so guesses spread over many machines are counted together too.

The log-in's per-account budget counts only wrong guesses, and a browser the account has
logged in on before is exempt from it (lms/auth/devices.py): anyone may spend an account's
budget, but that must not lock its owner out (audit finding N2).
"""
from flask import current_app, request
from flask_login import current_user

from lms.auth import devices
from lms.auth.security_log import LOCKED_OUT, security_event
from lms.auth.services import normalise_email, user_by_email
from lms.extensions import limiter


def _address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_RATE_LIMIT"]


def _typed_email() -> str:
    return normalise_email(request.form.get("email", ""))[:254]


def _typed_account() -> str:
    """The account the form names, whether or not it exists (so the limit reveals nothing)."""
    return "account:" + _typed_email()


def _signed_in_account() -> str:
    # Limits are checked before login_required runs, so an anonymous caller can get here.
    user_id = getattr(current_user, "id", None)
    return f"user:{user_id}" if user_id is not None else f"address:{request.remote_addr}"


def _known_device() -> bool:
    return devices.known_here(_typed_email())


def _wrong_guess(response) -> bool:
    return response.status_code == 400  # not a log-in (302), nor a deactivated account (403)


def _log_typed_lockout(_limit) -> None:
    user = user_by_email(_typed_email())
    security_event(LOCKED_OUT, user.id if user else None, where=request.endpoint or "")


def _log_signed_in_lockout(_limit) -> None:
    security_event(LOCKED_OUT, getattr(current_user, "id", None), where=request.endpoint or "")


per_address = limiter.limit(_address_limit, methods=["POST"])
per_typed_account = limiter.limit(_account_limit, key_func=_typed_account, methods=["POST"],
                                  exempt_when=_known_device, on_breach=_log_typed_lockout)
wrong_guesses_per_account = limiter.limit(
    _account_limit, key_func=_typed_account, methods=["POST"], deduct_when=_wrong_guess,
    exempt_when=_known_device, on_breach=_log_typed_lockout)
per_signed_in_account = limiter.limit(_account_limit, key_func=_signed_in_account,
                                      methods=["POST"], on_breach=_log_signed_in_lockout)
