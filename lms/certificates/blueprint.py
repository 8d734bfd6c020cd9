"""The certificates blueprint and what its views share: the rate limits, who may see a
certificate privately, and the name its files download under. The views are in views/."""
from flask import Blueprint, abort, current_app, jsonify
from flask_login import current_user

from lms.certificates import lookups
from lms.certificates.models import Certificate
from lms.extensions import limiter
from lms.slugs import slugify

bp = Blueprint("certificates", __name__)

# One budget for every verify request, so typing codes and guessing names share it.
verify_limit = limiter.shared_limit(lambda: current_app.config["VERIFY_RATE_LIMIT"],
                                    scope="verify")
credential_limit = limiter.shared_limit(lambda: current_app.config["CREDENTIAL_RATE_LIMIT"],
                                        scope="credentials")


def viewable(certificate_id: int) -> Certificate:
    """The certificate for its holder or an admin; 404 for everyone else (existence is private)."""
    return lookups.certificate_for(current_user, certificate_id) or abort(404)


def download_name(certificate: Certificate) -> str:
    """e.g. certificate-restraint-and-seclusion-in-schools-lee-learner.pdf"""
    course = slugify(certificate.course_title.split(":")[0], max_length=60)
    holder = slugify(certificate.printed_name, fallback=certificate.code, max_length=40)
    return f"certificate-{course}-{holder}.pdf"


def json_response(data: dict, mimetype: str = "application/json", status: int = 200):
    response = jsonify(data)
    response.mimetype = mimetype
    response.status_code = status
    return response
