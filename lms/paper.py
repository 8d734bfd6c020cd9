"""The paper the PDFs are printed on (certificates, handouts): US Letter or A4, one setting.

PAPER_SIZE (letter or a4, default letter: the organisation is in the US) is read when a PDF is
rendered; outside an app (a pure rendering test) the default applies.
"""
from flask import current_app, has_app_context

# name: (width, height) in millimetres, portrait; the names are CSS's @page size keywords.
PAPER_SIZES = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
DEFAULT_PAPER = "letter"


def paper_size() -> str:
    """The configured paper: "letter" or "a4"."""
    if not has_app_context():
        return DEFAULT_PAPER
    return current_app.config.get("PAPER_SIZE", DEFAULT_PAPER)


def page_rule(paper: str, margin: str = "0", landscape: bool = False) -> str:
    """The @page rule of a PDF on this paper."""
    orientation = " landscape" if landscape else ""
    return f"@page {{ size: {paper}{orientation}; margin: {margin}; }}"


def page_box(paper: str, landscape: bool = False) -> tuple[float, float]:
    """The page's (width, height) in millimetres."""
    width, height = PAPER_SIZES[paper]
    return (height, width) if landscape else (width, height)
