"""Admin forms: revoking, reinstating, reissuing and rendering again a certificate; answering
a correction request."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from lms.auth.forms import name_field, strip


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("Reason for revoking"), filters=[strip],
                           description=_l("Shown on the public verify page."),
                           validators=[DataRequired(), Length(max=500)])


class ReinstateForm(FlaskForm):
    reason = TextAreaField(_l("Why it is valid again"), filters=[strip],
                           description=_l("Kept in the audit log and sent to the holder."),
                           validators=[DataRequired(), Length(max=500)])


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Why the name cannot be printed"), filters=[strip],
                           description=_l("Sent to the holder."),
                           validators=[DataRequired(), Length(max=500)])


class ReissueForm(FlaskForm):
    printed_name = name_field(_l("Corrected name to print"))


class RenderAgainForm(FlaskForm):
    """No fields: the button, with its CSRF token."""
