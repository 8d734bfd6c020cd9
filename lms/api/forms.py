"""The forms that make and revoke tokens (a learner's profile) and keys (the admin area)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from lms.admin.invite_forms import CheckboxesField
from lms.api.keys import Scope
from lms.auth.forms import strip

SCOPE_LABELS = {
    Scope.ENROLMENTS: _l("Read enrolments and completions (with each learner's name and email)"),
    Scope.CERTIFICATES: _l("Read certificate status"),
    Scope.REPORTS: _l("Read the funder report's figures (small groups hidden)"),
}


class TokenForm(FlaskForm):
    name = StringField(_l("Name of the new token"), filters=[strip],
                       description=_l("What it is for, so you can tell your tokens apart, "
                                      "for example “my spreadsheet”."),
                       validators=[DataRequired(), Length(max=80)])


class KeyForm(FlaskForm):
    name = StringField(_l("Name of the new key"), filters=[strip],
                       description=_l("Which system uses it, for example “our CRM”."),
                       validators=[DataRequired(), Length(max=80)])
    scopes = CheckboxesField(
        _l("What it may read"), choices=[(scope.value, label) for scope, label in
                                         SCOPE_LABELS.items()],
        validators=[DataRequired(message=_l("Choose at least one thing the key may read."))])


class RevokeForm(FlaskForm):
    """No fields: the button, with its CSRF token."""
