"""The learner's language: English or Spanish, one course in both (issue 15).

`current_language()` is the one place that decides it, for Flask-Babel's gettext, for which
language of the published snapshot a page renders, and for the page cache's key. The order:
an explicit choice (the `lang` cookie the language control sets), then the browser's
Accept-Language, then English.
"""
from flask import has_request_context, request
from flask_babel import Babel

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"

babel = Babel()


def current_language() -> str:
    """The language this request is served in, one of LANGUAGES. Outside a request (a command,
    a worker task) English, unless the caller chose one with flask_babel.force_locale."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def init_app(app) -> None:
    babel.init_app(app, locale_selector=current_language, default_locale=DEFAULT_LANGUAGE,
                   default_translation_directories="translations")
