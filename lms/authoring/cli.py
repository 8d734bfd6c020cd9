"""`flask content import|export`: the course folder in and out of the database."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from lms.authoring.publishing import DraftInTheWay, import_files
from lms.content.exporter import export_course
from lms.content.loader import ContentProblems, load_course
from lms.content.mapping import published_course
from lms.courses.handouts import write_handout_pdfs
from lms.courses.services import find_course

content_cli = AppGroup("content", help="Import and export the course files.")


@content_cli.command("import")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--if-empty", is_flag=True,
              help="Do nothing if a course is already in the database (so edits made in the "
                   "browser survive `make run`).")
@click.option("--discard-draft", is_flag=True,
              help="Throw away trainers' unpublished browser changes and import anyway.")
def import_command(folder: Path | None, if_empty: bool, discard_draft: bool) -> None:
    """Import the course from FOLDER (default: modules/). Safe to run again."""
    if if_empty and find_course() is not None:
        click.echo("A course is already in the database; not importing (--if-empty).")
        return
    folder = folder or Path(current_app.config["COURSE_DIR"])
    if not folder.is_dir():
        raise click.ClickException(f"{folder}: no such folder")
    try:
        data = load_course(folder)
    except ContentProblems as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(error.problems)} problem(s) found; nothing was imported.") from None
    try:
        course, changes = import_files(data, discard_draft=discard_draft)
    except DraftInTheWay:
        raise click.ClickException(
            "A trainer has unpublished changes in the browser. Publish or discard them "
            "first, or pass --discard-draft to throw them away.") from None
    write_handout_pdfs(published_course(course))
    click.echo(f"Imported {course.title!r} (edition {course.edition}): {changes.summary()}.")


@content_cli.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export_command(folder: Path) -> None:
    """Write the course to FOLDER in the modules/ format."""
    course = find_course()
    if course is None:
        raise click.ClickException("There is no course in the database to export.")
    files = export_course(course, folder)
    click.echo(f"Wrote {len(files)} files to {folder}.")
