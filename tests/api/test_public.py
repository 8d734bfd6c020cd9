"""The public API: the catalogue and a course's outline, with no token; every error a problem."""
from jsonschema import Draft202012Validator
from schemathesis.specs.openapi.definitions import OPENAPI_31
from sqlalchemy import update

from lms.courses.models import Course, Visibility
from lms.extensions import db

PROBLEM = "application/problem+json"


def test_the_catalogue_lists_the_listed_courses(client, course):
    response = client.get("/api/v1/courses")
    assert response.status_code == 200
    [mini] = response.get_json()
    assert mini["slug"] == "mini" and mini["title"] == "Mini Course"
    assert mini["outline"].endswith("/api/v1/courses/mini")
    assert mini["url"].endswith("/courses/mini/")


def test_an_outline_names_modules_lessons_and_quizzes(client, course):
    outline = client.get("/api/v1/courses/mini").get_json()
    assert [module["slug"] for module in outline["modules"]] == ["basics", "next-steps"]
    basics = outline["modules"][0]
    assert basics["has_quiz"] is True
    assert basics["lessons"][0] == {"slug": "first-lesson", "title": basics["lessons"][0]["title"],
                                    "minutes": basics["lessons"][0]["minutes"]}
    assert outline["pass_mark"] == 80


def test_a_draft_or_unknown_course_is_a_404_problem(app, client, course):
    with app.app_context():
        db.session.execute(update(Course).values(visibility=Visibility.DRAFT))
        db.session.commit()
    for path in ("/api/v1/courses/mini", "/api/v1/courses/no-such-course"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.content_type == PROBLEM
        assert response.get_json() == {"type": "about:blank", "title": "Not Found",
                                       "status": 404, "detail": response.get_json()["detail"]}
    assert client.get("/api/v1/courses").get_json() == []


def test_unknown_addresses_and_methods_are_problems(client):
    missing = client.get("/api/v1/no-such-thing")
    assert (missing.status_code, missing.content_type) == (404, PROBLEM)
    wrong = client.delete("/api/v1/courses")
    assert (wrong.status_code, wrong.content_type) == (405, PROBLEM)
    assert "GET" in wrong.headers["Allow"]
    assert wrong.get_json()["status"] == 405


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_the_openapi_document_is_3_1_and_describes_every_operation(client):
    response = client.get("/api/v1/openapi.json")
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) >= {"/api/v1/courses", "/api/v1/courses/{slug}",
                                      "/api/v1/me/progress", "/api/v1/me/certificates",
                                      "/api/v1/courses/{slug}/enrolments",
                                      "/api/v1/courses/{slug}/completions",
                                      "/api/v1/certificates/{certificate}",
                                      "/api/v1/courses/{slug}/reports/funder"}
    problem = document["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(problem) == [PROBLEM]


def test_cors_is_off_unless_an_origin_is_named(app, client):
    headers = {"Origin": "https://crm.example.org"}
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/courses",
                                                           headers=headers).headers
    app.config["API_CORS_ORIGINS"] = ["https://crm.example.org"]
    allowed = client.get("/api/v1/courses", headers=headers)
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://crm.example.org"
    assert "Access-Control-Allow-Credentials" not in allowed.headers
    other = client.get("/api/v1/courses", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    # A browser's preflight carries no credential: it is answered, the real request is not.
    preflight = client.options("/api/v1/courses/mini/completions", headers={
        **headers, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Headers"] == "Authorization"
    assert client.get("/api/v1/courses/mini/completions", headers=headers).status_code == 401


def test_a_problems_detail_is_in_the_requests_language(client):
    response = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "es"})
    assert response.get_json()["detail"] == "No hay nada en esta dirección."
    assert response.get_json()["title"] == "Not Found"  # the status phrase, as RFC 9457 has it


def test_the_openapi_document_validates(client):
    """Against the OpenAPI 3.1 schema (as published by the OpenAPI Initiative, shipped with
    schemathesis), and each schema in it against JSON Schema 2020-12, the dialect of 3.1."""
    document = client.get("/api/v1/openapi.json").get_json()
    errors = [error.message for error in Draft202012Validator(OPENAPI_31).iter_errors(document)]
    assert errors == []
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
