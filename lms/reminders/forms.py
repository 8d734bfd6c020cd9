"""The meeting form."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField
from wtforms.validators import InputRequired

from lms.reminders.models import MeetingKind


class FriendlyDateField(DateField):
    """A date input whose bad value gets a message a person can act on."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(gettext("Enter the date of the meeting, for example 14 March 2027.")) \
                from error


class MeetingForm(FlaskForm):
    meeting_on = FriendlyDateField(
        _l("Date of the meeting"),
        validators=[InputRequired(message=_l("Enter the date of the meeting."))])
    kind = RadioField(_l("What kind of meeting is it?"),
                      choices=[(MeetingKind.IEP.value, _l("IEP meeting")),
                               (MeetingKind.SECTION_504.value, _l("504 meeting")),
                               (MeetingKind.INCIDENT.value, _l("Meeting about an incident"))],
                      validators=[InputRequired(message=_l("Choose the kind of meeting."))])
    remind = BooleanField(_l("Email me one reminder two days before, with what I still have "
                             "to read"))
