"""The holder's emails at each change an admin makes to their certificate (revoked, reinstated,
reissued) and to their correction request (received, declined), in the holder's language.
Bodies are templates/email/*.txt; every link in them is a public URL a test follows.

Sent after the change commits; a lost email never undoes the change (it is logged)."""
from flask import current_app, render_template
from flask_babel import gettext as _

from lms.auth.models import User
from lms.certificates.models import Certificate, CorrectionRequest
from lms.extensions import db
from lms.i18n import in_language
from lms.mail import send_email
from lms.urls import public_url


def _links(certificate: Certificate) -> dict:
    return {
        "page": public_url("certificates.show", certificate_id=certificate.id),
        "verify": public_url("certificates.verify", code=certificate.code),
        "correction": public_url("certificates.correction", certificate_id=certificate.id),
        "mine": public_url("certificates.mine"),
    }


def _send(certificate: Certificate, subject_of, template: str, **context) -> None:
    holder = db.session.get(User, certificate.user_id) if certificate.user_id else None
    if holder is None or certificate.holder_forgotten:
        return
    with in_language(holder.language or certificate.language):
        body = render_template(f"email/{template}.txt", holder=holder, certificate=certificate,
                               contact=current_app.config["CONTACT_EMAIL"],
                               links=_links(certificate), **context)
        subject = subject_of()
    try:
        send_email(holder.email, subject, body)
    except OSError:
        current_app.logger.exception("Could not send the %s email", template)


def revoked(certificate: Certificate) -> None:
    _send(certificate, lambda: _("Your certificate was withdrawn"), "certificate_revoked")


def reinstated(certificate: Certificate, reason: str) -> None:
    _send(certificate, lambda: _("Your certificate is valid again"), "certificate_reinstated",
          reason=reason)


def reissued(old: Certificate, new: Certificate) -> None:
    _send(new, lambda: _("Your certificate was reissued"), "certificate_reissued", old=old)


def correction_received(request: CorrectionRequest) -> None:
    _send(request.certificate, lambda: _("We have your request for a corrected certificate"),
          "correction_received", request=request)


def correction_declined(request: CorrectionRequest) -> None:
    _send(request.certificate, lambda: _("About your request for a corrected certificate"),
          "correction_declined", request=request)
