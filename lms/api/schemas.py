"""The API's request and response shapes: they validate what comes in, dump what goes out, and
are the OpenAPI document's schemas (one place for each)."""
import marshmallow as ma
from marshmallow import fields, validate

from lms.api.pagination import MAX_LIMIT


class CourseSummarySchema(ma.Schema):
    slug = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    audience = fields.String(required=True)
    edition = fields.String(required=True)
    languages = fields.List(fields.String(), required=True)
    url = fields.Url(required=True, metadata={"description": "The course's page"})
    outline = fields.Url(required=True, metadata={"description": "This API's outline of it"})


class LessonOutlineSchema(ma.Schema):
    slug = fields.String(required=True)
    title = fields.String(required=True)
    minutes = fields.Integer(required=True)


class ModuleOutlineSchema(ma.Schema):
    slug = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    lessons = fields.List(fields.Nested(LessonOutlineSchema), required=True)
    has_quiz = fields.Boolean(required=True)


class CourseOutlineSchema(CourseSummarySchema):
    pass_mark = fields.Integer(required=True, metadata={"description": "Percent, per quiz"})
    modules = fields.List(fields.Nested(ModuleOutlineSchema), required=True)


class StepSchema(ma.Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["lesson", "quiz"]))
    module = fields.String(required=True)
    lesson = fields.String(allow_none=True, required=True)


class ProgressSchema(ma.Schema):
    course = fields.String(required=True, metadata={"description": "The course's slug"})
    title = fields.String(required=True)
    started_at = fields.AwareDateTime(required=True, allow_none=True)
    completed_at = fields.AwareDateTime(required=True, allow_none=True)
    complete = fields.Boolean(required=True)
    items_done = fields.Integer(required=True)
    items_total = fields.Integer(required=True)
    missing = fields.List(fields.Nested(StepSchema), required=True,
                          metadata={"description": "What is still needed, in course order"})


class MyCertificateSchema(ma.Schema):
    code = fields.String(required=True)
    course = fields.String(required=True, allow_none=True)
    course_title = fields.String(required=True)
    edition = fields.String(required=True)
    status = fields.String(required=True)
    completed_at = fields.AwareDateTime(required=True)
    issued_at = fields.AwareDateTime(required=True)
    verify_url = fields.Url(required=True)


class CertificateStatusSchema(MyCertificateSchema):
    printed_name = fields.String(required=True, allow_none=True,
                                 metadata={"description": "null once the holder is forgotten"})
    valid = fields.Boolean(required=True)
    revoked_at = fields.AwareDateTime(required=True, allow_none=True)
    superseded_by = fields.String(required=True, allow_none=True,
                                  metadata={"description": "The corrected reissue's code"})


class PeriodArgsSchema(ma.Schema):
    """The report pages' date range: both dates included; by default the last 365 days."""

    from_ = fields.Date(data_key="from", metadata={"description": "First day (UTC) included"})
    to = fields.Date(metadata={"description": "Last day (UTC) included"})


class PageArgsSchema(PeriodArgsSchema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = fields.String(validate=validate.Length(max=500),
                           metadata={"description": "The `next` link's cursor (opaque)"})


class LearnerSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)


class EnrolmentSchema(ma.Schema):
    id = fields.Integer(required=True)
    learner = fields.Nested(LearnerSchema, required=True)
    started_at = fields.AwareDateTime(required=True)
    completed_at = fields.AwareDateTime(required=True, allow_none=True)


class EnrolmentPageSchema(ma.Schema):
    items = fields.List(fields.Nested(EnrolmentSchema), required=True)
    next = fields.Url(required=True, allow_none=True,
                      metadata={"description": "The next page, or null on the last"})


class FigureSchema(ma.Schema):
    measure = fields.String(required=True)
    value = fields.Integer(required=True, allow_none=True,
                           metadata={"description": "null when hidden (a group under 10)"})
    hidden = fields.Boolean(required=True)
    percent = fields.Integer(required=True, allow_none=True)


class ReportTableSchema(ma.Schema):
    caption = fields.String(required=True)
    columns = fields.List(fields.String(), required=True)
    rows = fields.List(fields.List(fields.Raw(allow_none=True)), required=True,
                       metadata={"description": "As on the page: a hidden count is the text "
                                                "“fewer than 10”"})


class FunderReportSchema(ma.Schema):
    course = fields.String(required=True)
    first = fields.Date(required=True)
    last = fields.Date(required=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True)
    tables = fields.List(fields.Nested(ReportTableSchema), required=True)
    notes = fields.List(fields.String(), required=True)
