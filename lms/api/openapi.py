"""flask-smorest's Api, made to describe and send this API's errors as problem details, and
the OpenAPI document's settings (docs/INTEGRATIONS.md says why flask-smorest)."""
import http

from flask_smorest import Api
from flask_smorest.utils import prepare_response

from lms.api.problems import MEDIA_TYPE, ProblemSchema

# Security schemes named by the operations: a learner's token, an organisation's key. Both
# travel as "Authorization: Bearer <secret>"; the secret's prefix tells them apart.
TOKEN_SCHEME, KEY_SCHEME = "personalToken", "apiKey"

SETTINGS = {
    "API_TITLE": "Training portal API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": "The catalogue, a learner's own progress and certificates, and "
                                "an organisation's enrolments, completions, certificate status "
                                "and funder report figures. Errors are RFC 9457 problem details."},
        "components": {"securitySchemes": {
            TOKEN_SCHEME: {"type": "http", "scheme": "bearer",
                           "description": "A personal access token (lms_pat_…), made on the "
                                          "learner's profile page."},
            KEY_SCHEME: {"type": "http", "scheme": "bearer",
                         "description": "An API key (lms_key_…), made by an admin, with "
                                        "scopes."},
        }},
    },
}


class ProblemApi(Api):
    """The app's error handlers answer /api/ with problems (lms/errors.py): flask-smorest's own
    JSON error handler is not installed, and its documented errors are problems too."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, MEDIA_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
