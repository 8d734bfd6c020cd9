"""Account forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from lms.auth.passwords import password_problem


def strip(value):
    return value.strip() if isinstance(value, str) else value


def acceptable_password(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def checked_email_field() -> EmailField:
    return EmailField("Email address", filters=[strip], validators=[
        DataRequired(), Length(max=254),
        Email(check_deliverability=False, message="Enter a valid email address.")])


class ReturnFields:
    """Where to go back to after the form, and a lesson to record as complete on arrival."""

    next = HiddenField()
    complete = HiddenField(validators=[Length(max=80)])


class SignupForm(ReturnFields, FlaskForm):
    """Only the address: name and password are chosen at the emailed link, by the inbox's owner
    (whoever asks for a sign-up may not own the address)."""

    email = checked_email_field()


class FinishSignupForm(FlaskForm):
    name = StringField("Your name", filters=[strip], validators=[DataRequired(), Length(max=120)])
    password = PasswordField(
        "Choose a password",
        description="At least 8 characters.",
        validators=[DataRequired(), acceptable_password],
    )


class LoginForm(ReturnFields, FlaskForm):
    email = EmailField(
        "Email address", filters=[strip], validators=[DataRequired(), Length(max=254)]
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(max=128)])
    remember = BooleanField("Remember me on this device")


class ResetRequestForm(FlaskForm):
    email = checked_email_field()


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        description="At least 8 characters.",
        validators=[DataRequired(), acceptable_password],
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords do not match.")],
    )


class ProfileForm(FlaskForm):
    name = StringField("Your name", filters=[strip], validators=[DataRequired(), Length(max=120)])
    certificate_name = StringField(
        "Name to print on certificates",
        description="As you want it to appear on your certificate. Leave empty to use your name.",
        validators=[Length(max=120)],
    )
