"""`flask storage migrate`: the instance folder's files into the configured store."""
import click
from flask import current_app
from flask.cli import AppGroup

from lms.courses.default import default_course_slug
from lms.storage import file_storage
from lms.storage.filesystem import FilesystemStorage
from lms.storage.migrate import migrate

storage_cli = AppGroup("storage", help="Stored files: certificates, handouts, images.")


@storage_cli.command("migrate")
def migrate_command() -> None:
    """Copy every file of the instance folder into the file store (FILE_STORAGE), checking
    each copy's SHA-256. Safe to run again: files already there are left alone."""
    config = current_app.config
    instance = FilesystemStorage(current_app.instance_path,
                                 places={"certificates": config["CERTIFICATE_DIR"]})
    # The flat files of a site from before the catalogue belong to its one course.
    outcome = migrate(instance, file_storage(), default_course_slug())
    for key in outcome.copied:
        click.echo(f"copied {key}")
    for key in outcome.failed:
        click.echo(f"FAILED {key}: the stored copy's SHA-256 differs", err=True)
    click.echo(f"{len(outcome.copied)} copied, {len(outcome.unchanged)} already there "
               f"(same SHA-256), {len(outcome.failed)} failed, into {config['FILE_STORAGE']}.")
    if outcome.failed:
        raise SystemExit(1)
