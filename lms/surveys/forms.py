"""The optional "Tell us about you" form: every field may be left empty."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField

from lms.surveys import choices

NOT_SAYING = ("", _l("Prefer not to say"))


def _optional_radio(label: str, options: list, description: str = "") -> RadioField:
    # "" (not saying) is one of the choices; any value not offered is refused by WTForms.
    return RadioField(label, choices=[(str(v), _l(text)) for v, text in options] + [NOT_SAYING],
                      default="", description=description)


class AboutYouForm(FlaskForm):
    usefulness = _optional_radio(_l("How useful was this course to you?"), choices.USEFULNESS)
    knows_rights = _optional_radio(
        _l("“I know my rights better now.” Is that true for you?"), choices.KNOWS_RIGHTS)
    role = _optional_radio(_l("Which best describes you?"), choices.ROLES)
    state = SelectField(_l("Your state or territory"),
                        choices=[NOT_SAYING, *[(v, _l(text)) for v, text in choices.STATES]],
                        default="")
    language = _optional_radio(_l("Your preferred language"), choices.LANGUAGES)
