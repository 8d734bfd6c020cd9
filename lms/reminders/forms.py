"""The meeting form."""
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
            raise ValueError("Enter the date of the meeting, for example 14 March 2027.") \
                from error


class MeetingForm(FlaskForm):
    meeting_on = FriendlyDateField(
        "Date of the meeting",
        validators=[InputRequired(message="Enter the date of the meeting.")])
    kind = RadioField("What kind of meeting is it?",
                      choices=[(kind.value, kind.label[0].upper() + kind.label[1:])
                               for kind in MeetingKind],
                      validators=[InputRequired(message="Choose the kind of meeting.")])
    remind = BooleanField("Email me one reminder two days before, with what I still have "
                          "to read")
