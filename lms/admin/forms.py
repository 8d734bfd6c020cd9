"""Admin forms: revoking, reissuing and rendering again a certificate."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from lms.auth.forms import name_field, strip


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("Reason for revoking"), filters=[strip],
                           description=_l("Shown on the public verify page."),
                           validators=[DataRequired(), Length(max=500)])


class ReissueForm(FlaskForm):
    printed_name = name_field(_l("Corrected name to print"))


class RenderAgainForm(FlaskForm):
    """No fields: the button, with its CSRF token."""
