"""The JSON API's routes, /api/v1: thin (parse, call a service, return); errors are problems.

Three blueprints by who may call: anyone (the catalogue), a learner's personal token (their
own records), an organisation's API key (with scopes, rate limited by key)."""
from flask_babel import gettext
from flask_smorest import Blueprint
from werkzeug.exceptions import NotFound, UnprocessableEntity

from lms.api import access, catalogue, mine, records
from lms.api.keys import Scope
from lms.api.openapi import KEY_SCHEME, TOKEN_SCHEME
from lms.api.pagination import BadCursor
from lms.api.schemas import (
    CertificateStatusSchema,
    CourseOutlineSchema,
    CourseSummarySchema,
    EnrolmentPageSchema,
    FunderReportSchema,
    MyCertificateSchema,
    PageArgsSchema,
    PeriodArgsSchema,
    ProgressSchema,
)
from lms.catalogue import listing
from lms.reports.period import BadPeriod, parse_period
from lms.urls import public_url

PREFIX = "/api/v1"

public_bp = Blueprint("api_public", __name__, url_prefix=PREFIX,
                      description="The catalogue: no token needed.")
learner_bp = Blueprint("api_learner", __name__, url_prefix=f"{PREFIX}/me",
                       description="A learner's own records, with their personal access token.")
organisation_bp = Blueprint("api_organisation", __name__, url_prefix=PREFIX,
                            description="An organisation's integration, with an API key.")
learner_bp.before_request(access.require_token)
organisation_bp.before_request(access.require_key)
access.limit_by_token(learner_bp)
access.limit_by_key(organisation_bp)

TOKEN, KEY = [{TOKEN_SCHEME: []}], [{KEY_SCHEME: []}]


def _unprocessable(detail: str, name: str):
    error = UnprocessableEntity()
    error.data = {"message": detail, "messages": {"query": {name: [detail]}}}
    return error


@public_bp.get("/courses")
@public_bp.response(200, CourseSummarySchema(many=True))
def courses():
    """The courses the catalogue lists, in its order."""
    return catalogue.listed_courses()


@public_bp.get("/courses/<slug>")
@public_bp.response(200, CourseOutlineSchema)
@public_bp.alt_response(404, response="NOT_FOUND")
def course_outline(slug: str):
    """A course's modules, their lessons, and which have a quiz."""
    return catalogue.course_outline(slug) or _not_found()


def _not_found():
    raise NotFound()


@learner_bp.get("/progress")
@learner_bp.response(200, ProgressSchema(many=True))
@learner_bp.alt_response(401, response="UNAUTHORIZED")
@learner_bp.alt_response(429, response="TOO_MANY_REQUESTS")
@learner_bp.doc(security=TOKEN)
def my_progress():
    """Your progress in each course you started: what is done, and what is still needed."""
    return mine.my_progress(access.calling_learner().id)


@learner_bp.get("/certificates")
@learner_bp.response(200, MyCertificateSchema(many=True))
@learner_bp.alt_response(401, response="UNAUTHORIZED")
@learner_bp.alt_response(429, response="TOO_MANY_REQUESTS")
@learner_bp.doc(security=TOKEN)
def my_certificates():
    """Your certificates, newest first, each with its public verify link."""
    return mine.my_certificates(access.calling_learner().id)


def _course_and_period(slug: str, args: dict):
    ref = listing.course_ref(slug)
    if ref is None:
        _not_found()
    query = {"from": args["from_"].isoformat() if args.get("from_") else "",
             "to": args["to"].isoformat() if args.get("to") else ""}
    try:
        return ref, parse_period(query)
    except BadPeriod as error:
        raise _unprocessable(str(error), "from") from None


def _page(slug: str, args: dict, which: str, endpoint: str) -> dict:
    ref, period = _course_and_period(slug, args)
    try:
        page = records.enrolments_page(ref.id, period, which, limit=args["limit"],
                                       cursor=args.get("cursor"))
    except BadCursor:
        raise _unprocessable(gettext("This cursor was not made for this list. Start again "
                                     "without it, then follow each page's next link."),
                             "cursor") from None
    following = None
    if page.next_cursor:
        following = public_url(endpoint, slug=slug, limit=args["limit"],
                               cursor=page.next_cursor, **{"from": period.first.isoformat(),
                                                           "to": period.last.isoformat()})
    return {"items": [records.enrolment_fields(*row) for row in page.rows], "next": following}


KEYED_ERRORS = ((401, "UNAUTHORIZED"), (403, "FORBIDDEN"), (404, "NOT_FOUND"),
                (429, "TOO_MANY_REQUESTS"))


def keyed():
    """Document the problems every keyed operation may answer, and its security scheme."""
    def decorate(view):
        for status, name in KEYED_ERRORS:
            view = organisation_bp.alt_response(status, response=name)(view)
        return organisation_bp.doc(security=KEY)(view)
    return decorate


@organisation_bp.get("/courses/<slug>/enrolments")
@organisation_bp.arguments(PageArgsSchema, location="query")
@organisation_bp.response(200, EnrolmentPageSchema)
@keyed()
@access.needs_scope(Scope.ENROLMENTS)
def enrolments(args: dict, slug: str):
    """Enrolments that started in the date range, oldest first (scope enrolments:read)."""
    return _page(slug, args, records.STARTED, "api_organisation.enrolments")


@organisation_bp.get("/courses/<slug>/completions")
@organisation_bp.arguments(PageArgsSchema, location="query")
@organisation_bp.response(200, EnrolmentPageSchema)
@keyed()
@access.needs_scope(Scope.ENROLMENTS)
def completions(args: dict, slug: str):
    """Enrolments completed in the date range, by enrolment (scope enrolments:read)."""
    return _page(slug, args, records.COMPLETED, "api_organisation.completions")


@organisation_bp.get("/certificates/<certificate>")
@organisation_bp.response(200, CertificateStatusSchema)
@keyed()
@access.needs_scope(Scope.CERTIFICATES)
def certificate_status(certificate: str):
    """A certificate's status now, by its code or id (scope certificates:read)."""
    return records.certificate_status(certificate) or _not_found()


@organisation_bp.get("/courses/<slug>/reports/funder")
@organisation_bp.arguments(PeriodArgsSchema, location="query")
@organisation_bp.response(200, FunderReportSchema)
@keyed()
@access.needs_scope(Scope.REPORTS)
def funder_report(args: dict, slug: str):
    """The funder report's figures for the range, every group under 10 hidden as on its page
    (scope reports:read)."""
    ref, period = _course_and_period(slug, args)
    return records.funder_figures(ref.id, slug, period)

