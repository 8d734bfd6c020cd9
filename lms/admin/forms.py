"""Admin forms: revoking, reissuing and rendering again a certificate."""
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from lms.auth.forms import name_field, strip


class RevokeForm(FlaskForm):
    reason = TextAreaField("Reason for revoking", filters=[strip],
                           description="Shown on the public verify page.",
                           validators=[DataRequired(), Length(max=500)])


class ReissueForm(FlaskForm):
    printed_name = name_field("Corrected name to print")


class RenderAgainForm(FlaskForm):
    """No fields: the button, with its CSRF token."""
