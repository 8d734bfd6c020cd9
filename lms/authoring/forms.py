"""Trainer forms, with the limits the modules/ file loader applies (content/schema.py)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from lms.auth.forms import strip
from lms.content.schema import MAX_BODY, MAX_SUMMARY, MAX_TITLE, MINUTES

MARKDOWN_HELP = (
    "Markdown: ## Heading, - list item, 1. numbered item, [link text](https://...), "
    "![description of the image](/uploads/...), | table | cells |, and "
    "“> **Important:** ...” for a highlighted callout box.")

MEETING_LABEL = ("Suggest this before a meeting with the school (shown in a learner's "
                 "“Before your meeting” plan)")


class RevisionFields:
    """The revision the form was opened at (the edit lock) and a note for the history."""

    revision = IntegerField(widget=widgets.HiddenInput(),
                            validators=[InputRequired(), NumberRange(0, 10**9)])
    note = StringField("What did you change? (optional, shown in the history)",
                       filters=[strip], validators=[Optional(), Length(max=MAX_TITLE)])


class CourseForm(RevisionFields, FlaskForm):
    title = StringField("Course title", filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField("Summary", filters=[strip],
                            validators=[DataRequired(), Length(max=MAX_SUMMARY)])
    pass_mark = IntegerField("Pass mark for quizzes (percent)", description="From 1 to 100.",
                             validators=[InputRequired(message="Enter a number from 1 to 100."),
                                         NumberRange(1, 100)])


class ModuleForm(FlaskForm):
    title = StringField("Module title", filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField("Summary (optional)", filters=[strip],
                            validators=[Optional(), Length(max=MAX_SUMMARY)])


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class LessonForm(RevisionFields, FlaskForm):
    title = StringField("Lesson title", filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    minutes = IntegerField("Minutes to read", description="From {} to {}.".format(*MINUTES),
                           validators=[InputRequired(message="Enter a number from {} to {}."
                                                     .format(*MINUTES)),
                                       NumberRange(*MINUTES)])
    body_md = TextAreaField("Lesson text", description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])
    resources = CheckboxesField("Handouts offered with this lesson", choices=[])
    before_meeting = BooleanField(MEETING_LABEL)


class SpanishLessonForm(FlaskForm):
    """A lesson's Spanish text: minutes, handouts and flags always come from the English."""

    title = StringField(_l("Spanish title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    body_md = TextAreaField(_l("Spanish text"), description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])


class HandoutForm(FlaskForm):
    """What a trainer sets on a handout in the browser (its text comes from the files)."""

    before_meeting = BooleanField(MEETING_LABEL)


class MoveLessonForm(FlaskForm):
    module = SelectField("Module", choices=[])
    position = IntegerField("Position in that module", description="1 puts it first.",
                            validators=[InputRequired(message="Enter a position."),
                                        NumberRange(1, 99)])


class PublishForm(FlaskForm):
    version = IntegerField(widget=widgets.HiddenInput(),
                           validators=[InputRequired(), NumberRange(0, 10**9)])
    new_edition = BooleanField("Start a new edition of the course")
    edition = StringField("Name of the new edition", filters=[strip],
                          validators=[Optional(), Length(max=40)])
    edition_note = TextAreaField("What changed in this edition",
                                 description="Required for a new edition; listed with it.",
                                 filters=[strip], validators=[Optional(), Length(max=MAX_SUMMARY)])


class ConfirmForm(FlaskForm):
    """A confirmation step: only the CSRF token."""


class UploadForm(FlaskForm):
    image = FileField("Image (PNG, JPEG, GIF or WebP; at most 2 MB)",
                      validators=[FileRequired("Choose an image file.")])
    alt = StringField("Describe the image for people who cannot see it", filters=[strip],
                      validators=[DataRequired(), Length(max=MAX_TITLE)])


class ImportForm(FlaskForm):
    archive = FileField("Course folder as a .zip file (the modules/ format)",
                        validators=[FileRequired("Choose a .zip file.")])
