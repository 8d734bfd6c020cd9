"""Admin forms: revoking, reissuing and rendering again a certificate."""
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from lms.auth.forms import strip


class RevokeForm(FlaskForm):
    reason = TextAreaField("Reason for revoking", filters=[strip],
                           description="Shown on the public verify page.",
                           validators=[DataRequired(), Length(max=500)])


class ReissueForm(FlaskForm):
    printed_name = StringField("Corrected name to print", filters=[strip],
                               validators=[DataRequired(), Length(max=120)])


class RenderAgainForm(FlaskForm):
    """No fields: the button, with its CSRF token."""
