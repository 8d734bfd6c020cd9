"""Admin forms for invitations: one person, or a CSV file of them."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from lms.admin.people_forms import ROLE_LABELS
from lms.auth.forms import checked_email_field, name_field


class CheckboxesField(SelectMultipleField):
    """A set of checkboxes, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteForm(FlaskForm):
    email = checked_email_field()
    name = name_field(_l("Name (optional)"), required=False,
                      description=_l("They can change it when they accept."))
    role = SelectField(_l("Role"),
                       choices=[(role.value, label) for role, label in ROLE_LABELS.items()])
    courses = CheckboxesField(_l("Courses they run (trainers only)"), choices=[],
                              validate_choice=False)

    def offer_courses(self, courses) -> "InviteForm":
        self.courses.choices = [(course.slug, course.title) for course in courses]
        return self


class InviteFileForm(FlaskForm):
    file = FileField(_l("CSV file (at most 1 MB and 1000 rows)"),
                     description=_l("Columns: email, name (optional), role (learner, trainer or "
                                    "admin), courses (short names separated by spaces or "
                                    "semicolons, for trainers)."),
                     validators=[FileRequired(_l("Choose a CSV file."))])
