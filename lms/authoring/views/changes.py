"""Each item a publish changes, with its diff (issue 23 item 3): before publishing, between the
published course and the draft; after it, as the publish recorded them."""
from flask import abort, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from lms.authoring import changes
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import working_copy
from lms.content.mapping import published_course
from lms.extensions import db

KIND_NAMES = {
    "course": _l("course details"), "introduction": _l("introduction"), "module": _l("module"),
    "lesson": _l("lesson"), "quiz": _l("quiz"), "handout": _l("handout"),
    "term": _l("glossary term"), "course-es": _l("course details in Spanish"),
    "intro-es": _l("introduction in Spanish"), "module-es": _l("module in Spanish"),
    "lesson-es": _l("lesson in Spanish"), "quiz-es": _l("quiz in Spanish"),
    "handout-es": _l("handout in Spanish"), "term-es": _l("glossary term in Spanish"),
}
CHANGE_NAMES = {changes.ADDED: _l("added"), changes.CHANGED: _l("changed"),
                changes.REMOVED: _l("removed")}
SHOWN_IN_MESSAGE = 8  # the message after publishing names this many; the summary names all


def draft_changes(course, data=None) -> list[changes.ItemChange]:
    """What publishing the working copy (data, when the caller has it) would change, item by
    item."""
    return changes.compare(published_course(course),
                           data if data is not None else working_copy(course)[0])


def _check_kind(kind: str) -> None:
    if kind not in changes.KINDS:
        abort(404)


@bp.get("/publish/changes/<kind>/<slug>")
def draft_change(kind: str, slug: str):
    _check_kind(kind)
    item = changes.find(draft_changes(managed_course()), kind, slug) or abort(404)
    return render_template("authoring/item_change.html", item=item, version=None,
                           change_names=CHANGE_NAMES)


@bp.get("/published/<int:version>")
def published_changes(version: int):
    items = changes.published(managed_course().id, version)
    if not items:
        abort(404)
    return render_template("authoring/published_changes.html", items=items, version=version,
                           kind_names=KIND_NAMES, change_names=CHANGE_NAMES)


@bp.get("/published/<int:version>/<kind>/<slug>")
def published_change(version: int, kind: str, slug: str):
    _check_kind(kind)
    item = changes.find(changes.published(managed_course().id, version), kind, slug)
    return render_template("authoring/item_change.html", item=item or abort(404),
                           version=version, change_names=CHANGE_NAMES)


def published_message(headline: str, course) -> Markup:
    """The message after a publish or an import: headline (what changed in numbers), then each
    item (the first few) as a link to its diff, and a link to the whole list."""
    db.session.refresh(course)  # the content_version this publish made
    version = course.content_version
    items = changes.published(course.id, version)
    message = escape(headline)
    if not items:
        return message
    links = Markup(", ").join(
        Markup('<a href="{}">{}</a>').format(
            url_for("authoring.published_change", version=version, kind=i.kind, slug=i.slug),
            gettext("%(title)s (%(kind)s, %(change)s)", title=i.title,
                    kind=KIND_NAMES[i.kind], change=CHANGE_NAMES[i.change]))
        for i in items[:SHOWN_IN_MESSAGE])
    every = Markup('<a href="{}">{}</a>').format(
        url_for("authoring.published_changes", version=version),
        gettext("See every change of this publish"))
    return Markup("{} {} {}. {}").format(message, gettext("What changed:"), links, every)
