"""Outgoing mail. With MAIL_SERVER set, a Celery task delivers it over SMTP, so a slow or broken
mail server never slows or breaks a page (nor, by its timing, tells which emails have accounts).
Otherwise (the embedded default) it is written to instance/outbox at once, and the log says so."""
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from celery import shared_task
from flask import current_app


def send_email(to: str, subject: str, body: str) -> None:
    if current_app.config["MAIL_SERVER"]:
        try:
            deliver_email.delay(to, subject, body)
        except Exception:  # the broker is down: say so in the log, never fail the page
            current_app.logger.exception("Could not queue an email to the mail server")
        return
    outbox = Path(current_app.config["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}.eml"
    path.write_bytes(bytes(_message(to, subject, body)))
    # Not the body: it can hold a live sign-up or reset link, and logs travel further than the
    # outbox (which only its owner can open).
    current_app.logger.info("Email to %s (%s) written to %s", to, subject, path)


@shared_task(
    acks_late=True, autoretry_for=(OSError, smtplib.SMTPException), max_retries=8,
    retry_backoff=5, retry_backoff_max=600, retry_jitter=True,
)
def deliver_email(to: str, subject: str, body: str) -> None:
    """Send one email over SMTP; retried with backoff while the mail server is unreachable."""
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(_message(to, subject, body))


def _message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message
