"""`flask users create`."""
from sqlalchemy import select

from lms.auth.models import Role, User
from lms.extensions import db


def test_create_trainer_reading_password_from_stdin(app, runner, client):
    result = runner.invoke(args=["users", "create", "T@Example.org", "--name", "Tess Trainer",
                                 "--role", "trainer"], input="a long trainer passphrase\n")
    assert result.exit_code == 0, result.output
    assert "Created trainer account t@example.org." in result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.role is Role.TRAINER and user.name == "Tess Trainer"
    response = client.post("/login", data={"email": "t@example.org",
                                           "password": "a long trainer passphrase"})
    assert response.status_code == 302


def test_create_refuses_duplicates_weak_passwords_and_bad_roles(app, runner, learner):
    result = runner.invoke(args=["users", "create", "learner@example.org", "--name", "X"],
                           input="a long passphrase\n")
    assert result.exit_code != 0 and "already exists" in result.output
    result = runner.invoke(args=["users", "create", "a@example.org", "--name", "A"],
                           input="short\n")
    assert result.exit_code != 0 and "at least 8 characters" in result.output
    result = runner.invoke(args=["users", "create", "b@example.org", "--name", "B",
                                 "--role", "emperor"], input="a long passphrase\n")
    assert result.exit_code != 0 and "emperor" in result.output


def test_create_refuses_a_name_with_hidden_characters(runner):
    result = runner.invoke(args=["users", "create", "t@example.org", "--name", "T\u202eevil"],
                           input="a long passphrase\n")
    assert result.exit_code != 0 and "hidden character" in result.output
