"""The reports' running counts always equal a recount from the progress tables: after steps,
retries, passes, and an account's deletion."""
from sqlalchemy import delete, select

from lms.extensions import db
from lms.progress.tallies import ReportTally, rebuild_tallies
from tests.conftest import PASSWORD
from tests.reports.helpers import RIGHT, WRONG_COLOUR, learners


def counts(app) -> dict:
    with app.app_context():
        return {(t.measure, t.ref_id, t.key, t.bucket, t.day): t.count
                for t in db.session.scalars(select(ReportTally)) if t.count}


def recounted(app) -> dict:
    with app.app_context():
        with db.engine.begin() as connection:
            rebuild_tallies(connection)
    return counts(app)


def test_running_counts_equal_a_recount(app, course):
    learners(app, 3, basics=[WRONG_COLOUR, WRONG_COLOUR, RIGHT["basics"], RIGHT["basics"]])
    learners(app, 2, lessons=1, basics=[WRONG_COLOUR], next_steps=False, prefix="other")
    kept = counts(app)
    assert {key[0] for key in kept} == {"lesson_done", "quiz_tried", "quiz_passed",
                                        "first_attempt", "answer", "attempts_needed"}
    assert kept == recounted(app)


def test_a_deleted_account_leaves_the_counts(app, client, course):
    learners(app, 2, basics=[WRONG_COLOUR, RIGHT["basics"]])
    before = counts(app)
    learners(app, 1, basics=[WRONG_COLOUR, RIGHT["basics"]], prefix="leaving")
    assert counts(app) != before
    client.post("/login", data={"email": "leaving0@example.org", "password": PASSWORD})
    client.post("/profile/delete", data={"password": PASSWORD})
    assert counts(app) == before == recounted(app)


def test_the_recount_command(app, runner, course):
    learners(app, 2)
    kept = counts(app)
    with app.app_context():
        db.session.execute(delete(ReportTally))
        db.session.commit()
    result = runner.invoke(args=["reports", "rebuild-tallies"])
    assert result.exit_code == 0 and "rebuilt" in result.output
    assert counts(app) == kept
