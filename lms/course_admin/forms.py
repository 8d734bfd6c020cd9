"""Forms for creating a course and running the catalogue."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from lms.auth.forms import strip
from lms.content.schema import MAX_SUMMARY, MAX_TITLE
from lms.courses.models import Visibility


class NewCourseForm(FlaskForm):
    title = StringField(_l("Course title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    slug = StringField(_l("Short name for its web address"), filters=[strip],
                       description=_l("Lowercase letters, digits and hyphens, for example "
                                      "advocates-course. It cannot be changed later."),
                       validators=[DataRequired(), Length(max=80)])
    summary = TextAreaField(_l("Summary"), filters=[strip],
                            validators=[DataRequired(), Length(max=MAX_SUMMARY)])
    audience = StringField(_l("Who it is for"), filters=[strip],
                           validators=[Optional(), Length(max=MAX_SUMMARY)])


VISIBILITY_LABELS = {
    Visibility.DRAFT: _l("Draft: only its staff see it"),
    Visibility.LISTED: _l("Listed in the catalogue"),
    Visibility.UNLISTED: _l("Unlisted: reachable by its link only"),
    Visibility.ARCHIVED: _l("Archived: no new learners; certificates stay verifiable"),
}


class VisibilityForm(FlaskForm):
    visibility = SelectField(_l("Who finds this course"),
                             choices=[(v.value, label) for v, label in VISIBILITY_LABELS.items()],
                             validators=[DataRequired()])


class StaffForm(FlaskForm):
    email = EmailField(_l("Email of a trainer to add"), filters=[strip],
                       validators=[DataRequired(), Email(), Length(max=254)])
