"""Certificate forms: looking up a code, checking the holder's name, asking for a correction."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from lms.auth.forms import name_field, strip
from lms.certificates.codes import normalise


def looks_like_a_code(form, field):
    if normalise(field.data or "") is None:
        raise ValidationError(_l("A verification code has 16 letters and digits, "
                                 "like 7K3M-Q9XT-2RVD-8HCW."))


class CodeForm(FlaskForm):
    # Sent with GET so the result has a shareable address; nothing changes, so no CSRF token.
    class Meta:
        csrf = False

    code = StringField(_l("Verification code"), filters=[strip],
                       description=_l("Printed on the certificate, under the QR code."),
                       validators=[DataRequired(), Length(max=40), looks_like_a_code])


class NameCheckForm(FlaskForm):
    name = StringField(_l("Holder's full name"), filters=[strip],
                       description=_l("We show the full name only if it matches the certificate."),
                       validators=[DataRequired(), Length(max=120)])


class CorrectionForm(FlaskForm):
    name = name_field(_l("Your name as it should be printed"))


class FileCheckForm(FlaskForm):
    file = FileField(_l("The certificate's PDF or credential file"),
                     description=_l("A PDF, or a credential (.jwt), up to 5 MB. We check it "
                                    "and forget it: nothing you upload is stored."),
                     validators=[FileRequired(_l("Choose the file to check."))])
