"""`flask certificates requeue`: queue again renders left pending (e.g. after a broker outage).
`flask certificates rotate-key`: a new signing key for credentials; old ones stay published."""
from datetime import timedelta

import click
from flask.cli import AppGroup

from lms.certificates import keys
from lms.certificates.services import requeue_stuck

certificates_cli = AppGroup("certificates", help="Manage certificates.")


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
    click.echo(f"New signing key {keys.key_id(key)}.")
    if environment_value is None:
        click.echo("Written to the instance folder: new credentials are signed with it now.")
    else:
        click.echo("Set CERTIFICATE_SIGNING_KEYS to this value (older keys first, keep them "
                   "all), then restart the web and worker processes:")
        click.echo(environment_value)
