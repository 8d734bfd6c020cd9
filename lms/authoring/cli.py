"""`flask content import|export`: course folders in and out of the database."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from lms.authoring.publishing import DraftInTheWay, import_files
from lms.catalogue.handouts import write_handout_pdfs
from lms.catalogue.listing import SlugRefused, check_new_slug
from lms.content.exporter import export_course
from lms.content.loader import ContentProblems, load_course
from lms.content.mapping import published_course
from lms.courses.models import Course, Visibility
from lms.extensions import db
from lms.urls import public_url

content_cli = AppGroup("content", help="Import and export the course files.")


def course_folders(root: Path) -> list[Path]:
    """The course folders under root (each holds a course.yaml), or root itself if it is one."""
    if (root / "course.yaml").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "course.yaml").is_file())


@content_cli.command("import")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--if-empty", is_flag=True,
              help="Import only courses that are not in the database yet (so edits made in the "
                   "browser survive `make run`).")
@click.option("--discard-draft", is_flag=True,
              help="Throw away trainers' unpublished browser changes and import anyway.")
def import_command(folder: Path | None, if_empty: bool, discard_draft: bool) -> None:
    """Import the course in FOLDER, or every course folder in it (default: modules/).

    Safe to run again. On an empty site the courses are published and listed at once; a course
    new to a running site arrives as a draft that its trainers review and publish."""
    folder = folder or Path(current_app.config["COURSES_DIR"])
    if not folder.is_dir():
        raise click.ClickException(f"{folder}: no such folder")
    # Not a course and holding none: load it anyway, so the loader says what is missing.
    folders = course_folders(folder) or [folder]
    empty_site = db.session.scalar(select(Course.id).limit(1)) is None
    courses = [_load(path) for path in folders]  # every folder checked before any is imported
    for data in courses:
        exists = db.session.scalar(select(Course.id).where(Course.slug == data.slug))
        if if_empty and exists is not None:
            click.echo(f"{data.slug}: already in the database; not importing (--if-empty).")
            continue
        if exists is None:
            try:
                check_new_slug(data.slug)
            except SlugRefused as refused:
                raise click.ClickException(f"{data.slug}: {refused}") from None
        _import(data, discard_draft, new_as_draft=exists is None and not empty_site)


def _load(path: Path):
    try:
        return load_course(path)
    except ContentProblems as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(error.problems)} problem(s) found in {path}; nothing was imported.") from None


def _import(data, discard_draft: bool, new_as_draft: bool) -> None:
    try:
        course, changes = import_files(data, discard_draft=discard_draft,
                                       visibility=Visibility.DRAFT if new_as_draft else None)
    except DraftInTheWay:
        raise click.ClickException(
            f"{data.slug}: a trainer has unpublished changes in the browser. Publish or discard "
            "them first, or pass --discard-draft to throw them away.") from None
    write_handout_pdfs(current_app.instance_path, published_course(course))
    click.echo(f"Imported {course.title!r} (edition {course.edition}): {changes.summary()}.")
    manage = public_url("authoring.manage", course=course.slug)
    if course.visibility is Visibility.DRAFT:
        click.echo(f"  It is a draft: learners do not see it yet. Its trainers review it at "
                   f"{manage} and publish it there; an admin names its trainers on that page.")
    else:
        click.echo(f"  Learners find it at {public_url('learn.home', course=course.slug)}")


@content_cli.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--course", "slug", help="The course's short name (needed when there are several).")
def export_command(folder: Path, slug: str | None) -> None:
    """Write a course to FOLDER in the modules/ format."""
    courses = list(db.session.scalars(select(Course).order_by(Course.id)))
    if slug is not None:
        courses = [course for course in courses if course.slug == slug]
        if not courses:
            raise click.ClickException(f"There is no course {slug!r} in the database.")
    if not courses:
        raise click.ClickException("There is no course in the database to export.")
    if len(courses) > 1:
        names = ", ".join(course.slug for course in courses)
        raise click.ClickException(f"Name the course to export with --course ({names}).")
    files = export_course(courses[0], folder)
    click.echo(f"Wrote {len(files)} files to {folder}.")
