"""The admin's form for a platform registration."""
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length

from lms.auth.forms import strip

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def secure_url(_form, field) -> None:
    """An https address (http only on this machine, for trying the tool out)."""
    parts = urlsplit(field.data or "")
    plain_local = parts.scheme == "http" and parts.hostname in LOOPBACK
    if not parts.netloc or not (parts.scheme == "https" or plain_local):
        raise ValidationError(_l("Enter the full address, starting with https://"))


def deployment_ids(value):
    if not isinstance(value, str):
        return value
    return [word for word in value.replace(",", " ").split() if word]


def _url_field(label, description):
    return StringField(label, filters=[strip], description=description,
                       validators=[DataRequired(), Length(max=500), secure_url])


class PlatformForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip],
                       description=_l("For you: e.g. the district and its LMS."),
                       validators=[DataRequired(), Length(max=120)])
    issuer = StringField(_l("Issuer"), filters=[strip],
                         description=_l("The platform's issuer (iss), e.g. "
                                        "https://canvas.instructure.com."),
                         validators=[DataRequired(), Length(max=255), secure_url])
    client_id = StringField(_l("Client ID"), filters=[strip],
                            description=_l("The ID the platform gave the tool (Canvas: the "
                                           "developer key's number)."),
                            validators=[DataRequired(), Length(max=255)])
    deployment_ids = TextAreaField(_l("Deployment IDs"), filters=[deployment_ids],
                                   description=_l("One or more, separated by spaces or new "
                                                  "lines. A launch from any other deployment "
                                                  "is refused."))
    auth_login_url = _url_field(_l("Authentication request URL"),
                                _l("Where the tool sends the browser to log in (OIDC "
                                   "authorization endpoint)."))
    auth_token_url = _url_field(_l("Access token URL"),
                                _l("Where the tool asks for a token to send grades."))
    key_set_url = _url_field(_l("Public key set URL"),
                             _l("The platform's JWKS: it proves that launches come from it."))

    def validate_deployment_ids(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Enter at least one deployment ID."))
        if any(len(word) > 255 for word in field.data):
            raise ValidationError(_l("A deployment ID is at most 255 characters long."))
