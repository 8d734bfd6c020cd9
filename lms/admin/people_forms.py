"""Admin forms for people: change a role, deactivate or reactivate an account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import AnyOf, DataRequired

from lms.auth.models import Role

ROLE_LABELS = {Role.LEARNER: _l("Learner"),
               Role.TRAINER: _l("Trainer (edits the course, sees reports)"),
               Role.ADMIN: _l("Admin (manages people and certificates)")}


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"),
                       choices=[(role.value, label) for role, label in ROLE_LABELS.items()])


class ActiveForm(FlaskForm):
    active = HiddenField(validators=[DataRequired(), AnyOf(["yes", "no"])])
