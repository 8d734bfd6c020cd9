"""Admin forms for webhooks: register an endpoint; the buttons (rotate, enable or disable,
delete, replay) carry only their CSRF token."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from lms.admin.invite_forms import CheckboxesField
from lms.auth.forms import strip
from lms.webhooks.models import EventType

EVENT_LABELS = {
    EventType.ENROLMENT_STARTED: _l("A learner starts a course (enrolment.started)"),
    EventType.COURSE_COMPLETED: _l("A learner completes a course (course.completed)"),
    EventType.CERTIFICATE_ISSUED: _l("A certificate is issued (certificate.issued)"),
    EventType.CERTIFICATE_REVOKED: _l("A certificate is revoked (certificate.revoked)"),
}


class EndpointForm(FlaskForm):
    url = StringField(_l("Receiver URL"), filters=[strip],
                      description=_l("An https:// address on the public internet."),
                      validators=[DataRequired(), Length(max=2000)])
    description = StringField(_l("Description (optional)"), filters=[strip],
                              description=_l("Who receives it, e.g. “Our CRM”."),
                              validators=[Length(max=200)])
    events = CheckboxesField(_l("Events to send"),
                             choices=[(event.value, label)
                                      for event, label in EVENT_LABELS.items()],
                             validators=[DataRequired(_l("Choose at least one event."))])
    include_email = BooleanField(_l("Include the learner’s email address (a CRM matches "
                                    "people by it); otherwise only their account number"))


class ButtonForm(FlaskForm):
    """No fields: a button, with its CSRF token."""
