"""Rate limits on everything that checks a password or sends account mail: per client address,
and per account, so guesses spread over many machines are counted together too."""
from flask import current_app, request
from flask_login import current_user

from lms.auth.services import normalise_email
from lms.extensions import limiter


def _address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_RATE_LIMIT"]


def _typed_account() -> str:
    """The account the form names, whether or not it exists (so the limit reveals nothing)."""
    return "account:" + normalise_email(request.form.get("email", ""))[:254]


def _signed_in_account() -> str:
    # Limits are checked before login_required runs, so an anonymous caller can get here.
    user_id = getattr(current_user, "id", None)
    return f"user:{user_id}" if user_id is not None else f"address:{request.remote_addr}"


per_address = limiter.limit(_address_limit, methods=["POST"])
per_typed_account = limiter.limit(_account_limit, key_func=_typed_account, methods=["POST"])
per_signed_in_account = limiter.limit(_account_limit, key_func=_signed_in_account,
                                      methods=["POST"])
