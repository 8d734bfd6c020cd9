"""Every CLI command a deployment runs exits 0 on success, on SQLite and on PostgreSQL: run as
real subprocesses, since a crash at interpreter exit (WeasyPrint's Pango objects finalised after
their libraries, seen on PostgreSQL) happens after the command's own work is done."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import MINI_COURSE

PROJECT = Path(__file__).resolve().parent.parent
DEPLOYMENT = [  # in the order OPERATIONS.md gives them
    ["db", "upgrade"],
    ["content", "import"],
    ["content", "import"],  # again: nothing changes, and it still exits 0
    ["certificates", "requeue"],
    ["users", "create", "ops@example.org", "--name", "Ops Person", "--role", "admin"],
    ["storage", "migrate"],  # after an upgrade (OPERATIONS.md, "Stored files")
]


@pytest.fixture(params=["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL")
                                     else []))
def database_url(request, tmp_path):
    """A database of the command's own: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.sqlite3'}"
        return
    url = os.environ["TEST_DATABASE_URL"]
    schema = f"cli_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    yield f"{url}?options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def test_the_deployment_commands_exit_zero(database_url, tmp_path):
    env = {**os.environ, "FLASK_APP": "lms", "DATABASE_URL": database_url,
           "LMS_INSTANCE_PATH": str(tmp_path / "instance"), "COURSES_DIR": str(MINI_COURSE.parent),
           "ARGON2_MEMORY_COST": "8", "ARGON2_TIME_COST": "1"}
    for command in DEPLOYMENT:
        done = subprocess.run(  # noqa: S603 - a fixed command line
            [sys.executable, "-m", "flask", *command], cwd=PROJECT, env=env,
            input="a long passphrase\na long passphrase\n", capture_output=True, text=True,
            timeout=120)
        assert done.returncode == 0, f"flask {' '.join(command)} exited {done.returncode}:\n" \
                                     f"{done.stdout}\n{done.stderr}"
    # The import rendered them, per course ("mini").
    assert any((tmp_path / "instance" / "handouts" / "mini").glob("*.pdf"))
