"""`flask reports rebuild-tallies`: recount the reports' running counts from progress."""
import click
from flask.cli import AppGroup

from lms.extensions import db
from lms.progress.tallies import rebuild_tallies

reports_cli = AppGroup("reports", help="Course reports.")


@reports_cli.command("rebuild-tallies")
def rebuild() -> None:
    """Recount every report counter from the progress tables (safe to run at any time)."""
    with db.engine.begin() as connection:
        rebuild_tallies(connection)
    click.echo("Report counts rebuilt from the progress tables.")
