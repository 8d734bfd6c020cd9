"""The learner's language: English or Spanish, one course in both (issue 15).

`current_language()` is the one place that decides it, for Flask-Babel's gettext, for which
language of the published snapshot a page renders, and for the page cache's key. The order:
a choice made on this request (`?lang=es`, what the language control and the `hreflang`
alternate links ask for), then a signed-in learner's saved language (it wins on any device),
then the `lang` cookie, then the browser's Accept-Language, then English.
"""
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from babel import Locale, UnknownLocaleError
from babel.support import Translations
from flask import Flask, Response, current_app, g, has_request_context, request, url_for
from flask_babel import Babel, force_locale, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from werkzeug.routing import BuildError

from lms.database import write_transaction
from lms.security import from_another_site
from lms.urls import local_path

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"
LANGUAGE_PARAM = "lang"
# Each language's name in itself: the control offers "Español" to someone who reads no English.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
TRANSLATIONS_DIR = Path(__file__).parent / "translations"

babel = Babel()


def chosen_on_this_request() -> str | None:
    """The language asked for in the URL (`?lang=es`), if it is one we have."""
    chosen = request.args.get(LANGUAGE_PARAM)
    return chosen if chosen in LANGUAGES else None


def _saved_on_profile() -> str | None:
    # Flask-Login has loaded the user by the time a page is rendered: no extra query.
    if current_user and current_user.is_authenticated:
        return current_user.language if current_user.language in LANGUAGES else None
    return None


def current_language() -> str:
    """The language this request is served in, one of LANGUAGES."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # a worker's text says its language with in_language()
    if "language" not in g:
        g.language = (chosen_on_this_request() or _saved_on_profile()
                      or visitor_language(request.cookies.get(LANGUAGE_COOKIE),
                                          request.headers.get("Accept-Language")))
    return g.language


def visitor_language(cookie: str | None, accept_language: str | None) -> str:
    """The language of someone not signed in who asked for none on this request: the `lang`
    cookie's, else the browser's Accept-Language, else English. (Also used before Flask, by
    the visitors' page cache: lms/front_cache.py.)"""
    if cookie in LANGUAGES:
        return cookie
    return parse_accept_header(accept_language, LanguageAccept).best_match(
        LANGUAGES) or DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for the catalog where it is defined; translate it where it is shown."""
    return message


@contextmanager
def in_language(language: str | None):
    """Write text (an email, a certificate) in a given person's language, outside a page."""
    with force_locale(language if language in LANGUAGES else DEFAULT_LANGUAGE):
        yield


def active_language() -> str:
    """The language text is being written in now: the page's, or the one in_language() set."""
    locale = get_locale()
    return locale.language if locale and locale.language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(language: str) -> Translations:
    """The compiled catalog of a language, for text written without the app (the certificate)."""
    return Translations.load(str(TRANSLATIONS_DIR), [language])


def language_name(code: str) -> str:
    """A language's name in the active language: "Spanish", "español", "inglés"."""
    try:
        return Locale.parse(code).get_display_name(active_language())
    except (ValueError, UnknownLocaleError):
        return code


def language_url(language: str) -> str:
    """This page's address in another language: the same page and query, with `?lang=`.

    Built from the page's route, not copied from the request's path, and only ever a path on
    this site: a missing page's path such as `/\\evil.example` is a host to a browser, so
    error pages offer the home page instead (audit finding N3). A page shared by every visitor
    keeps no query: it is rendered once, and the first visitor's query would reach everyone
    (finding N4).
    """
    query = urlencode(_kept_query() + [(LANGUAGE_PARAM, language)])
    return f"{_this_page_path() or '/'}?{query}"


def _kept_query() -> list[tuple[str, str]]:
    return [] if g.get("shared_page") else [
        (key, value) for key, value in request.args.items(multi=True) if key != LANGUAGE_PARAM]


def alternate_url(language: str | None) -> str:
    """This page's absolute address in a language, for `<link rel="alternate" hreflang>`
    (search engines want absolute ones): the control's path and query under PUBLIC_BASE_URL's
    origin, never the request's host. No language (x-default): the page without `?lang=`,
    which follows the reader's browser."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    path = language_url(language) if language else _default_language_path()
    return f"{base.scheme}://{base.netloc}{path}"


def _default_language_path() -> str:
    args, path = _kept_query(), _this_page_path() or "/"
    return f"{path}?{urlencode(args)}" if args else path


def _this_page_path() -> str | None:
    if request.endpoint is None or request.url_rule is None:
        return None  # no page matched (a 404 or 405): its path is not ours to repeat
    try:
        path = url_for(request.endpoint, **(request.view_args or {}))
    except BuildError:
        return None
    return local_path(path.split("?", 1)[0])


def rendering_shared_page() -> None:
    """The page being rendered is kept and served to every visitor (lms/learn/cache.py)."""
    g.shared_page = True


def remember_choice(response: Response) -> Response:
    """Keep a language chosen in the URL in the cookie; and say that pages differ by the
    headers that choose their language, so no cache serves one language for the other."""
    chosen = chosen_on_this_request()
    if chosen and request.cookies.get(LANGUAGE_COOKIE) != chosen:
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax",
                            secure=request.is_secure, httponly=True)
        response.cache_control.public = False
        response.cache_control.private = True  # it sets a cookie: no shared cache keeps it
    if "Vary" in response.headers:
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
    else:  # nearly every response: set it without parsing a header that is not there
        response.headers["Vary"] = "Cookie, Accept-Language"
    return response


def save_choice_on_profile() -> None:
    """A signed-in learner's choice in the URL becomes their saved language (every device),
    when they made it on this site: the page follows a cross-site `?lang=`, the profile not."""
    chosen = chosen_on_this_request()
    if chosen and current_user.is_authenticated and current_user.language != chosen:
        if from_another_site():
            return  # a link or an <img> elsewhere must not switch someone's emails (I1)
        with write_transaction():
            current_user.language = chosen


def _translations():
    """The catalog of the locale text is written in now, fetched once per request and locale.

    Flask-Babel's template callables fetch it again for every string (the context three times
    over, the locale, its name): about a fifth of a signed-in page's rendering. Kept beside
    Flask-Babel's own locale, and checked against it, so force_locale() (in_language) and
    refresh() still switch the language at once.
    """
    babel_context = g.get("_flask_babel") if g else None
    if babel_context is None:
        return get_translations()
    locale = getattr(babel_context, "babel_locale", None)
    kept = getattr(babel_context, "lms_translations", None)
    if kept is not None and locale is not None and kept[0] is locale:
        return kept[1]
    found = get_translations()  # also settles the locale, when nothing asked for it yet
    babel_context.lms_translations = (get_locale(), found)
    return found


def _template_callables() -> dict:
    """gettext and its kin for templates, as Jinja's "newstyle" ones behave (the text marked
    safe where the template escapes, then always formatted with the variables, num and context
    included) but taking the evaluation context where Jinja's take the whole context.

    A callable that takes the context copies every template variable into a new one at each
    call inside a loop or a block with variables of its own (jinja2.runtime.Context.call), and
    Jinja's `_` is one more such call in front of gettext: a quiz page's questions spent more
    time copying contexts than translating."""

    def formatted(eval_ctx, text: str, variables: dict) -> str:
        # The catalogue's own text is markup, as in Jinja's; the variables are escaped by %.
        return (Markup(text) if eval_ctx.autoescape else text) % variables  # noqa: S704

    @pass_eval_context
    def gettext(eval_ctx, string: str, **variables) -> str:
        return formatted(eval_ctx, _translations().ugettext(string), variables)

    @pass_eval_context
    def ngettext(eval_ctx, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        return formatted(eval_ctx, _translations().ungettext(singular, plural, num), variables)

    @pass_eval_context
    def pgettext(eval_ctx, context: str, string: str, **variables) -> str:
        variables.setdefault("context", context)
        return formatted(eval_ctx, _translations().upgettext(context, string), variables)

    @pass_eval_context
    def npgettext(eval_ctx, context: str, singular: str, plural: str, num: int,
                  **variables) -> str:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        return formatted(eval_ctx, _translations().unpgettext(context, singular, plural, num),
                         variables)

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext, "pgettext": pgettext,
            "npgettext": npgettext}


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=current_language, default_locale=DEFAULT_LANGUAGE,
                   default_translation_directories="translations")
    app.jinja_env.newstyle_gettext = True  # {% trans %} passes its variables to gettext
    app.jinja_env.globals.update(_template_callables())
    app.before_request(save_choice_on_profile)
    app.after_request(remember_choice)

    @app.context_processor
    def languages():
        return {"current_language": current_language, "active_language": active_language,
                "language_url": language_url, "alternate_url": alternate_url,
                "LANGUAGE_NAMES": LANGUAGE_NAMES, "language_name": language_name}
