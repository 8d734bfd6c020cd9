"""Account forms."""
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from lms.auth.passwords import password_problem
from lms.i18n import LANGUAGE_NAMES, LANGUAGES


def strip(value):
    return value.strip() if isinstance(value, str) else value


def known_language(value):
    return value if value in LANGUAGES else None


def acceptable_password(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


# Control characters (line breaks, tabs) and invisible format characters (right-to-left
# overrides, zero-width spaces) would print on a certificate meant for third parties, where
# "A\u202eevil" shows as "Alive". Zero-width (non-)joiners stay: some scripts spell names with them.
HIDDEN = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
JOINERS = {"\u200c", "\u200d"}


HIDDEN_CHARACTER = _l("This name contains a hidden character (such as a line break or a "
                      "text-direction mark). Please type it again using only letters, spaces "
                      "and punctuation.")


def has_hidden_character(text: str) -> bool:
    return any(unicodedata.category(ch) in HIDDEN and ch not in JOINERS for ch in text)


def printable_name(form, field):
    if has_hidden_character(field.data or ""):
        raise ValidationError(HIDDEN_CHARACTER)


def name_field(label: str, **kwargs) -> StringField:
    """A person's name, as it may be printed on a certificate."""
    validators = [DataRequired()] if kwargs.pop("required", True) else []
    return StringField(label, filters=[strip],
                       validators=[*validators, Length(max=120), printable_name], **kwargs)


def checked_email_field() -> EmailField:
    return EmailField(_l("Email address"), filters=[strip], validators=[
        DataRequired(), Length(max=254),
        Email(check_deliverability=False, message=_l("Enter a valid email address."))])


class ReturnFields:
    """Where to go back to after the form, and a lesson to record as complete on arrival."""

    next = HiddenField()
    complete = HiddenField(validators=[Length(max=161)])  # "<course>/<lesson>"


class SignupForm(ReturnFields, FlaskForm):
    """Only the address: name and password are chosen at the emailed link, by the inbox's owner
    (whoever asks for a sign-up may not own the address)."""

    email = checked_email_field()


REMINDER_CHOICE = _l("Email me a gentle reminder if I stop part-way through the course "
                     "(at most three, a week apart; stop them at any time)")


class FinishSignupForm(FlaskForm):
    name = name_field(_l("Your name"))
    password = PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters."),
        validators=[DataRequired(), acceptable_password],
    )
    reminder_emails = BooleanField(REMINDER_CHOICE)


class LoginForm(ReturnFields, FlaskForm):
    email = EmailField(
        _l("Email address"), filters=[strip], validators=[DataRequired(), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Remember me on this device"))


class ResetRequestForm(FlaskForm):
    email = checked_email_field()


class NewPasswordFields:
    password = PasswordField(
        _l("New password"),
        description=_l("At least 8 characters."),
        validators=[DataRequired(), acceptable_password],
    )
    confirm = PasswordField(
        _l("Type the new password again"),
        validators=[DataRequired(),
                    EqualTo("password", message=_l("The two passwords do not match."))],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])
    password = NewPasswordFields.password
    confirm = NewPasswordFields.confirm


class ResetPasswordForm(FlaskForm):
    password = NewPasswordFields.password
    confirm = NewPasswordFields.confirm


class ProfileForm(FlaskForm):
    name = name_field(_l("Your name"))
    certificate_name = name_field(
        _l("Name to print on certificates"), required=False,
        description=_l("As you want it to appear on your certificate. "
                       "Leave empty to use your name."),
    )
    reminder_emails = BooleanField(REMINDER_CHOICE)
    # Also set by the language control at the top of every page (lms/i18n.py). Empty: none
    # saved, the browser's language (or the control's cookie) decides.
    language = SelectField(_l("Language of the course and of your emails"),
                           choices=[("", _l("As my browser asks"))] + list(LANGUAGE_NAMES.items()),
                           validate_choice=False, filters=[known_language])
