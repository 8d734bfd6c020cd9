"""`flask users create`: make an account from the shell (how the first trainer is made)."""
import sys

import click
from flask.cli import AppGroup

from lms import audit
from lms.auth.forms import HIDDEN_CHARACTER, has_hidden_character
from lms.auth.models import Role
from lms.auth.passwords import hash_password, password_problem
from lms.auth.services import EmailTaken, create_user
from lms.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.LEARNER.value)
def create(email: str, name: str, role: str) -> None:
    """Create an account. The password is prompted for, or read from standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(f"Password not accepted: {problem}")
    if has_hidden_character(name) or not name.strip() or len(name) > 120:
        raise click.ClickException(f"Name not accepted: {HIDDEN_CHARACTER}"
                                   if name.strip() else "Name not accepted: it is empty.")
    if "@" not in email or len(email) > 254:
        raise click.ClickException(f"Not an email address: {email}")
    try:
        user = create_user(email, name, hash_password(password), Role(role))
    except EmailTaken:
        raise click.ClickException(f"An account with {email} already exists.") from None
    audit.record(None, "account created", subject_id=user.id, detail=user.role.value)
    db.session.commit()
    click.echo(f"Created {user.role.value} account {user.email}.")
