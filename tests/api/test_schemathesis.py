"""schemathesis against the app, in process (its WSGI app, no server), every operation of the
OpenAPI document, a bounded number of examples each: no 5xx, and every response (status,
content type, headers, body) conforms to the document.

schemathesis' own pytest plugin (from_fixture) does not run under pytest 9 (it reads a private
attribute pytest no longer has), so the test drives its Python API: one hypothesis run per
operation, over the cases schemathesis generates from the document.
"""
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error

from tests.api.helpers import ALL_SCOPES, admin_client, bearer, make_key, make_token
from tests.certificates.helpers import finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user

EXAMPLES = 25


def _credentials(app) -> dict:
    """A learner who finished the mini course (so a certificate exists) with a token, and a key
    with every scope."""
    learner = app.test_client()
    with app.app_context():
        make_user("learner@example.org", "Lee Learner", PASSWORD)
    learner.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, learner)
    return {"token": make_token(learner), "key": make_key(admin_client(app), ALL_SCOPES)}


def _run(operation, mode, headers, checks=None) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers, checks=checks)

    run()


def test_every_operation_conforms_to_the_document(app, course):
    app.config["API_RATE_LIMIT"] = "100000 per minute"  # examples, not a flood: no 429 here
    credentials = _credentials(app)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8
    nothing_invalid = []
    for operation in operations:
        secret = credentials["token" if operation.path.startswith("/api/v1/me/") else "key"]
        # Valid requests: every check (a 2xx or a documented problem, conforming).
        _run(operation, schemathesis.GenerationMode.POSITIVE, bearer(secret))
        # Invalid ones (wrong types, out of range): refused with a 4xx, never a 5xx. Where
        # nothing invalid can be sent (no parameters; a path's any text), there is none to try.
        try:
            _run(operation, schemathesis.GenerationMode.NEGATIVE, bearer(secret),
                 checks=[not_a_server_error])
        except Unsatisfiable:
            nothing_invalid.append(operation.label)
    # Only the public list, the learner's two lists and the outline (any slug) have none.
    assert len(nothing_invalid) <= 4, nothing_invalid
