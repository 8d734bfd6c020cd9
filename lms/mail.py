"""Outgoing mail. With MAIL_SERVER set, a Celery task delivers it over SMTP, so a slow or broken
mail server never slows or breaks a page (nor, by its timing, tells which emails have accounts).
Otherwise (the embedded default) it is written to instance/outbox at once, and the log says so."""
import email.policy
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from celery import shared_task
from flask import current_app

from lms.celery_app import retry_later
from lms.queue import after_commit
from lms.storage import write_atomically


def send_email(to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """Send one plain-text email; headers are extra ones (e.g. List-Unsubscribe)."""
    if to.endswith(".invalid"):  # RFC 2606: no mailbox (an account an LTI launch made)
        return
    if current_app.config["MAIL_SERVER"]:
        # Sent once what the email speaks of is committed. The broker down or frozen: publish()
        # logs it and gives up within a second; the page answers as usual.
        after_commit(deliver_email, to, subject, body, headers or {},
                     if_lost="the email is not sent")
        return
    outbox = Path(current_app.config["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}.eml"
    # Whole or not at all: whoever reads the outbox (a person, a test) never sees half an email.
    write_atomically(path, bytes(_message(to, subject, body, headers)), mode=0o600)
    # Not the body: it can hold a live sign-up or reset link, and logs travel further than the
    # outbox (which only its owner can open).
    current_app.logger.info("Email to %s (%s) written to %s", to, subject, path)


@shared_task(bind=True, acks_late=True)
def deliver_email(self, to: str, subject: str, body: str, headers: dict | None = None) -> None:
    """Send one email over SMTP; retried with capped backoff (the shared policy, at least ten
    minutes) while the mail server is unreachable. (headers is optional, so messages queued
    before it existed are still delivered.)"""
    try:
        _send_over_smtp(_message(to, subject, body, headers))
    except (OSError, smtplib.SMTPException) as error:
        raise retry_later(self, error) from error


def _send_over_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


# Lines up to RFC 5322's limit: with the default 78, a header holding one long URL (such as
# List-Unsubscribe) is folded into encoded words that no mail client can follow.
POLICY = email.policy.default.clone(max_line_length=998)


def _message(to: str, subject: str, body: str, headers: dict | None = None) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message
