"""Markdown to safe HTML: rendered once at save or import, sanitised with an allow-list."""
import posixpath
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "img", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
}


def _is_upload(src: str) -> bool:
    """One file in /uploads/<course>/ (or directly in /uploads/, before images were per course),
    judged as the browser will read it: percent-decoded (%2e%2e is ..) and normalised, with
    backslashes counting as slashes."""
    path = unquote(src).replace("\\", "/")
    return (path.startswith("/uploads/") and path.count("/") in (2, 3)
            and posixpath.normpath(path) == path and not {"?", "#"} & set(path))


def _safe_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images only from this site's uploads: the CSP allows no others, and a third-party image
    would tell another server who is reading about restraint of their child."""
    if tag == "img" and attribute == "src":
        return value if _is_upload(value) else None
    return value


def render_markdown(text: str) -> str:
    html = _markdown.render(text or "")
    # A Markdown "# heading" would compete with the page's own h1: demote it.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_safe_attribute,
    )
