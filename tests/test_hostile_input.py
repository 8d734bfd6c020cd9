"""Random and malformed input to every form: never a 500, never a half-stored record."""

import io
import string
from base64 import urlsafe_b64encode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lms.auth.models import Role, User
from lms.authoring.models import CourseDraft
from lms.certificates.models import Certificate, CorrectionRequest
from lms.certificates.services import issue_certificate
from lms.content.schema import course_from_dict
from lms.courses.models import Course, Quiz
from lms.extensions import db, limiter
from lms.models_base import utcnow
from lms.progress.models import QuizAttempt
from lms.reports.routes import REPORTS
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of
from tests.reports.helpers import trainer

FIELDS = [
    "email",
    "password",
    "name",
    "certificate_name",
    "confirm",
    "remember",
    "next",
    "complete",
    "choice",
    "q-colour",
    "q-numbers",
    "q-when",
    "csrf_token",
    "usefulness",
    "knows_rights",
    "state",
    "language",
    "role",
    "active",
]
values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.digits + "-", max_size=5),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "1",
            "99",
            "-1",
            "null",
            "y",
            "//evil.example",
            "/courses/mini/lessons/x",
            "\x00",
            "a" * 5000,
            "é" * 50,
            "<script>alert(1)</script>",
        ]
    ),
)
form_data = st.dictionaries(
    st.sampled_from(FIELDS), st.one_of(values, st.lists(values, max_size=4)), max_size=8
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def post_anything(client, url, data):
    response = client.post(url, data=data)
    assert response.status_code < 500, (url, data, response.status_code)
    return response


def assert_no_half_records(app):
    with app.app_context():
        for user in db.session.scalars(select(User)):
            assert user.email and "@" in user.email and user.name.strip()
            assert user.password_hash.startswith("$argon2id$")
        keys_by_quiz = {
            quiz.id: {q.key for q in quiz.questions if not q.retired}
            for quiz in db.session.scalars(select(Quiz))
        }
        for attempt in db.session.scalars(select(QuizAttempt)):
            assert set(attempt.answers) == keys_by_quiz[attempt.quiz_id]
            assert all(attempt.answers.values())
            assert 0 <= attempt.score <= 100


@FUZZ
@given(data=form_data)
def test_public_forms_survive_anything(app, client, course, data):
    for url in ["/signup", "/login", "/reset", "/reset/not-a-token",
                "/my-learning/forget-this-device"]:
        post_anything(client, url, data)
    assert_no_half_records(app)


@FUZZ
@given(data=form_data)
def test_learner_forms_survive_anything(app, client, course, learner, data):
    if client.get("/my-learning").status_code != 200:  # the client persists across examples
        client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert client.get("/my-learning").status_code == 200
    for url in [
        "/profile",
        "/courses/mini/modules/basics/quiz",
        "/courses/mini/modules/next-steps/quiz",
        "/courses/mini/lessons/first-lesson/complete",
        "/profile/delete",
        "/profile/about-you",
        "/my-learning/this-device",
    ]:
        post_anything(client, url, {k: v for k, v in data.items() if k != "password"})
    assert_no_half_records(app)


def test_wrong_methods_and_unknown_ids_get_clear_4xx(client, course, learner):
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    assert client.delete("/profile").status_code == 405
    assert client.put("/login").status_code == 405
    assert client.post("/courses/mini/lessons/%00/complete").status_code == 400
    assert client.get("/courses/mini/modules/" + "x" * 5000).status_code == 404
    assert client.get("/signup/" + "x" * 500).status_code == 302


STAFF_FIELDS = [
    "title",
    "summary",
    "pass_mark",
    "minutes",
    "body_md",
    "revision",
    "note",
    "action",
    "position",
    "direction",
    "version",
    "new_edition",
    "edition",
    "edition_note",
    "reason",
    "printed_name",
    "request-1-reason",
    "request-1-printed_name",
    "name",
    "module",
    "old",
    "new",
    "count",
    "code",
    "q-0-prompt",
    "q-0-key",
    "q-0-explanation",
    "q-0-c-0-text",
    "q-0-c-0-correct",
    "q-1-prompt",
    "questions",
    "role",
    "active",
    "email",
    "courses",
    "url",
    "description",
    "events",
    "include_email",
    "csrf_token",
]
staff_form_data = st.dictionaries(
    st.sampled_from(STAFF_FIELDS), st.one_of(values, st.lists(values, max_size=3)), max_size=10
)
# Covered above, or they end the session.
SKIP = {"/logout", "/profile/delete", "/login", "/signup", "/profile/log-out-everywhere"}


def every_post_url(app, code):
    arguments = {
        "course": "mini",
        "slug": "first-lesson",
        "module_slug": "basics",
        "kind": "lesson",
        "number": 1,
        "certificate_id": 1,
        "code": code,
        "token": "not-a-token",
        "name": "0" * 32 + ".png",
        "user_id": 1,
        "request_id": 1,
        "endpoint_id": 1,
        "delivery_id": 1,
        "token_id": 1,
        "key_id": 1,
        "platform_id": 1,
        "version": 1,
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.rule not in SKIP:
            urls.append(
                rule.build({a: arguments[a] for a in rule.arguments}, append_unknown=False)[1]
            )
            if "slug" in rule.arguments and "/modules/" in rule.rule:
                urls.append(
                    rule.build(
                        {**{a: arguments[a] for a in rule.arguments}, "slug": "basics"},
                        append_unknown=False,
                    )[1]
                )
    return urls


def assert_draft_and_certificates_whole(app):
    with app.app_context():
        for draft in db.session.scalars(select(CourseDraft)):
            data = course_from_dict(draft.data)
            assert data.title.strip() and data.modules
            for module in data.modules:
                assert module.title.strip()
                for lesson in module.lessons:
                    assert lesson.title.strip() and lesson.slug
        for certificate in db.session.scalars(select(Certificate)):
            assert certificate.code and certificate.course_title and certificate.edition


@FUZZ
@given(data=staff_form_data)
def test_every_post_survives_anything_from_an_admin(app, client, course, data):
    if client.get("/manage/mini/").status_code != 200:
        with app.app_context():
            make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
            learner_id = make_user("lee@example.org", "Lee Learner", PASSWORD).id
            enrolment_course = db.session.get(Course, course)
            certificate = issue_certificate(learner_id, enrolment_course, utcnow())
            db.session.add(CorrectionRequest(certificate_id=certificate.id,
                                             requested_name="Leigh Learner"))
            db.session.commit()
        client.post("/login", data={"email": "admin@example.org", "password": PASSWORD})
    with app.app_context():
        code = db.session.scalar(select(Certificate.code))
    for url in every_post_url(app, code):
        post_anything(client, url, data)
    assert_no_half_records(app)
    assert_draft_and_certificates_whole(app)


CSV_CELLS = st.one_of(values, st.sampled_from(["learner", "trainer", "admin", "mini", "mini; x",
                                              "a@example.org", "A@Example.org ", '"', "\r"]))
CSV_FILES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.lists(CSV_CELLS, max_size=5), max_size=12).map(
        lambda rows: "\n".join(",".join(row) for row in [["email", "role", "courses", "name"],
                                                          *rows]).encode("utf-8", "replace")),
)


@FUZZ
@given(content=CSV_FILES)
def test_the_invitation_file_survives_anything(app, client, course, content):
    if client.get("/admin/people").status_code != 200:
        with app.app_context():
            make_user("admin@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
        client.post("/login", data={"email": "admin@example.org", "password": PASSWORD})
    with app.app_context():
        limiter.reset()  # the uploads per admin are limited; every example is a new upload
    response = client.post("/admin/people/invite-file",
                           data={"file": (io.BytesIO(content), "people.csv")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 400), response.status_code
    assert response.status_code == 200 or "error-summary" in response.get_data(as_text=True)
    assert_no_half_records(app)


def _b64(text: str) -> str:
    return urlsafe_b64encode(text.encode()).decode().rstrip("=")


NESTED = "[" * 20000 + "]" * 20000


@pytest.mark.parametrize("credential", [
    _b64('{"a":' + NESTED + "}") + ".e30.AAAA",                     # N11: the header
    _b64('{"alg":"EdDSA","kid":' + NESTED + "}") + ".e30.AAAA",
    _b64('{"alg":"EdDSA"}') + "." + _b64('{"a":' + NESTED + "}") + ".AAAA",  # the payload
])
def test_a_deeply_nested_credential_upload_gets_a_clear_answer(client, course, credential):
    response = client.post("/verify/file",
                           data={"file": (io.BytesIO(credential.encode()), "c.jwt")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.status_code
    assert "This is not a credential we issued." in text_of(response)


REPORT_URLS = ["/manage/mini/reports/", *(f"/manage/mini/reports/{name}{suffix}" for name in REPORTS
                              for suffix in ("", ".csv"))]
# The first and last days the calendar (Python's date) has, and their neighbours.
CALENDAR_EDGES = ["0001-01-01", "0001-01-02", "0001-12-31", "1899-12-31", "1900-01-01",
                  "9998-12-31", "9999-12-30", "9999-12-31", "2024-02-29", "2025-02-29"]


@pytest.fixture
def signed_in_trainer(app, client, course):
    trainer(app, client)
    return client


@pytest.mark.parametrize("query", [
    "to=0001-01-01", "from=0001-01-01&to=0001-01-02", "from=0001-01-01",
    "from=9999-12-30&to=9999-12-31", "to=9999-12-31", "from=9999-12-31",
    "from=0001-01-01&to=0001-01-01&by=week", "from=9999-12-25&to=9999-12-31&by=week",
])
def test_report_dates_at_the_edges_of_the_calendar_get_a_clear_400(signed_in_trainer, query):
    """N11: the report pages answered 500 (OverflowError) for these."""
    for url in REPORT_URLS:
        response = signed_in_trainer.get(f"{url}?{query}")
        assert response.status_code == 400, (url, query, response.status_code)
        assert "Choose dates between" in text_of(response), (url, query)


report_values = st.one_of(values, st.sampled_from(CALENDAR_EDGES + ["week", "month"]),
                          st.dates().map(str))


@FUZZ
@example(query={"to": "0001-01-01"})  # the two inputs the audit found (N11)
@example(query={"from": "9999-12-30", "to": "9999-12-31"})
@given(query=st.dictionaries(st.sampled_from(["from", "to", "by"]),
                             st.one_of(report_values, st.lists(report_values, max_size=3)),
                             max_size=3))
def test_every_query_parameter_of_every_report_survives_anything(signed_in_trainer, query):
    for url in REPORT_URLS:
        response = signed_in_trainer.get(url, query_string=query)
        assert response.status_code in (200, 400), (url, query, response.status_code)
