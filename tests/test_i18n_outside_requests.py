"""Translated strings work where there is no request: commands and worker tasks."""
from flask_babel import force_locale, gettext


def test_gettext_outside_a_request_is_english_unless_a_language_is_forced(app):
    with app.app_context():
        assert gettext("Manage course") == "Manage course"
        with force_locale("es"):
            assert gettext("Manage course") == "Gestionar el curso"
