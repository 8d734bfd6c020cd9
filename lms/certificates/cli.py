"""`flask certificates requeue`: queue again renders left pending (e.g. after a broker outage).
`flask certificates rotate-key`: a new signing key for credentials; old ones stay published.
`flask certificates retire-key KID` / `compromise-key KID`: a key's life after it signed
(key_status.py). Key changes go to the audit log, by "the command line"."""
from datetime import timedelta

import click
from flask.cli import AppGroup

from lms import audit
from lms.certificates import key_status, keys
from lms.certificates.services import requeue_stuck
from lms.extensions import db

certificates_cli = AppGroup("certificates", help="Manage certificates.")
# A key id is a base64url thumbprint, which may start with "-": taken as the argument, not as
# an unknown option.
KID_FIRST = {"ignore_unknown_options": True}


@certificates_cli.command("requeue")
@click.option("--older-than", "minutes", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only certificates queued at least this many minutes ago.")
def requeue(minutes: int) -> None:
    """Queue the render of every pending or failed certificate again, including those the sweep
    gave up on after MAX_ATTEMPTS attempts (running this by hand is the decision to retry)."""
    ids = requeue_stuck(timedelta(minutes=minutes), include_capped=True)
    click.echo(f"Queued {len(ids)} certificate render(s).")


@certificates_cli.command("rotate-key")
def rotate_key() -> None:
    """Add a new Ed25519 signing key: new credentials are signed with it, and every older key
    stays in the issuer profile, so credentials already issued keep verifying."""
    key, environment_value = keys.rotate()
    audit.record(None, "signing key added", target=f"signing key {keys.key_id(key)}",
                 detail="" if environment_value is None else
                 "printed for CERTIFICATE_SIGNING_KEYS; signs once that is set")
    db.session.commit()
    click.echo(f"New signing key {keys.key_id(key)}.")
    if environment_value is None:
        click.echo("Written to the instance folder: new credentials are signed with it now.")
    else:
        click.echo("Set CERTIFICATE_SIGNING_KEYS to this value (older keys first, keep them "
                   "all), then restart the web and worker processes:")
        click.echo(environment_value)


@certificates_cli.command("retire-key", context_settings=KID_FIRST)
@click.argument("kid")
def retire_key(kid: str) -> None:
    """Stop signing with the key KID (its thumbprint, or the whole kid URL). Credentials it
    signed before now keep verifying; one claiming a later date is refused."""
    try:
        life = key_status.retire(kid)
    except key_status.KeyProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Key {life.thumbprint} is retired: nothing new is signed with it, and what it "
               "signed until now keeps verifying. Keep it in CERTIFICATE_SIGNING_KEYS.")


@certificates_cli.command("compromise-key", context_settings=KID_FIRST)
@click.argument("kid")
def compromise_key(kid: str) -> None:
    """Withdraw the key KID because it leaked: every credential it signed now verifies as
    "signed with a key we withdrew", and the issuer profile and JWKS list it as revoked."""
    try:
        life = key_status.compromise(kid)
    except key_status.KeyProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Key {life.thumbprint} is marked compromised: nothing it signed is trusted. "
               "Keep it in CERTIFICATE_SIGNING_KEYS so verifiers are told why.")
    if key_status.only_compromised_sign_left():
        click.echo("No key signs now: run `flask certificates rotate-key` before the next "
                   "certificate is rendered (renders fail and retry until then).", err=True)
