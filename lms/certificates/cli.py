"""`flask certificates requeue`: queue again renders left pending (e.g. after a broker outage)."""
from datetime import timedelta

import click
from flask.cli import AppGroup

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
