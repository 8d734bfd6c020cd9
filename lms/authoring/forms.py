"""Trainer forms, with the limits the modules/ file loader applies (content/schema.py); the
Spanish editors' forms are in translation_forms.py."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from lms.auth.forms import strip
from lms.content.schema import MAX_BODY, MAX_CHECK_FOR, MAX_SUMMARY, MAX_TITLE, MINUTES

MARKDOWN_HELP = _l(
    "Markdown: ## Heading, - list item, 1. numbered item, [link text](https://...), "
    "![description of the image](/uploads/...), | table | cells |, and "
    "“> **Important:** ...” for a highlighted callout box.")

MEETING_LABEL = _l("Suggest this before a meeting with the school (shown in a learner's "
                   "“Before your meeting” plan)")


class RevisionFields:
    """The revision the form was opened at (the edit lock) and a note for the history."""

    revision = IntegerField(widget=widgets.HiddenInput(),
                            validators=[InputRequired(), NumberRange(0, 10**9)])
    note = StringField(_l("What did you change? (optional, shown in the history)"),
                       filters=[strip], validators=[Optional(), Length(max=MAX_TITLE)])


class CourseForm(RevisionFields, FlaskForm):
    title = StringField(_l("Course title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField(_l("Summary"), filters=[strip],
                            validators=[DataRequired(), Length(max=MAX_SUMMARY)])
    pass_mark = IntegerField(_l("Pass mark for quizzes (percent)"),
                             description=_l("From 1 to 100."),
                             validators=[InputRequired(message=_l("Enter a number from 1 to 100.")),
                                         NumberRange(1, 100)])


class ModuleForm(FlaskForm):
    title = StringField(_l("Module title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField(_l("Summary (optional)"), filters=[strip],
                            validators=[Optional(), Length(max=MAX_SUMMARY)])


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ReviewFields:
    """Review dates (issue 21): when the facts were last checked, and when to check again."""

    reviewed = DateField(_l("Last reviewed"),
                         description=_l("The date the lesson's facts were last checked."),
                         validators=[InputRequired(message=_l("Enter the date the facts were "
                                                              "last checked."))])
    check_again_by = DateField(_l("Check again by (optional)"),
                               description=_l("For a statement that can go out of date, such "
                                              "as a bill's status."),
                               validators=[Optional()])
    check_again_for = StringField(_l("What to check again (optional)"), filters=[strip],
                                  validators=[Optional(), Length(max=MAX_CHECK_FOR)])

    def validate_reviewed(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("The review date cannot be in the future."))

    def validate_check_again_by(self, field):
        if field.data and self.reviewed.data and field.data <= self.reviewed.data:
            raise ValidationError(_l("The date to check again must be after the review date."))

    def validate_check_again_for(self, field):
        if field.data and not self.check_again_by.data:
            raise ValidationError(_l("Give a date to check again by, or leave this empty."))


class LessonForm(RevisionFields, ReviewFields, FlaskForm):
    title = StringField(_l("Lesson title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    minutes = IntegerField(_l("Minutes to read"),
                           description=_l("From %(low)s to %(high)s.", low=MINUTES[0],
                                          high=MINUTES[1]),
                           validators=[InputRequired(message=_l(
                               "Enter a number from %(low)s to %(high)s.", low=MINUTES[0],
                               high=MINUTES[1])),
                                       NumberRange(*MINUTES)])
    body_md = TextAreaField(_l("Lesson text"), description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])
    resources = CheckboxesField(_l("Handouts offered with this lesson"), choices=[])
    before_meeting = BooleanField(MEETING_LABEL)


class ReviewedForm(FlaskForm):
    """"Reviewed, no change" on the reviews page (issue 21): the next check, if any."""

    check_again_by = DateField(_l("Check again by"),
                               description=_l("Leave empty if nothing needs checking again."),
                               validators=[Optional()])
    check_again_for = StringField(_l("What to check"), filters=[strip],
                                  validators=[Optional(), Length(max=MAX_CHECK_FOR)])


class HandoutForm(FlaskForm):
    """What a trainer sets on a handout in the browser (its text comes from the files)."""

    before_meeting = BooleanField(MEETING_LABEL)


class MoveLessonForm(FlaskForm):
    module = SelectField(_l("Module"), choices=[])
    position = IntegerField(_l("Position in that module"), description=_l("1 puts it first."),
                            validators=[InputRequired(message=_l("Enter a position.")),
                                        NumberRange(1, 99)])


class PublishForm(FlaskForm):
    version = IntegerField(widget=widgets.HiddenInput(),
                           validators=[InputRequired(), NumberRange(0, 10**9)])
    new_edition = BooleanField(_l("Start a new edition of the course"))
    edition = StringField(_l("Name of the new edition"), filters=[strip],
                          validators=[Optional(), Length(max=40)])
    edition_note = TextAreaField(_l("What changed in this edition"),
                                 description=_l("Required for a new edition; listed with it."),
                                 filters=[strip], validators=[Optional(), Length(max=MAX_SUMMARY)])


class ConfirmForm(FlaskForm):
    """A confirmation step: only the CSRF token."""


class UploadForm(FlaskForm):
    image = FileField(_l("Image (PNG, JPEG, GIF or WebP; at most 2 MB)"),
                      validators=[FileRequired(_l("Choose an image file."))])
    alt = StringField(_l("Describe the image for people who cannot see it"), filters=[strip],
                      validators=[DataRequired(), Length(max=MAX_TITLE)])


class ImportForm(FlaskForm):
    archive = FileField(_l("Course folder as a .zip file (the modules/ format)"),
                        validators=[FileRequired(_l("Choose a .zip file."))])
