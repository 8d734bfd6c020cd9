"""HTML to PDF with WeasyPrint, sealed off (no file:// or network fetches), one font config."""

import atexit
import gc
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache

import weasyprint
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration


@cache
def sealed_url_fetcher() -> URLFetcher:
    """Only inline data: URIs load; file:// and network URLs are refused (no SSRF, no reads)."""
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


@cache
def font_configuration() -> FontConfiguration:
    # Reusing one FontConfiguration halves render time and keeps memory flat across renders.
    atexit.register(release_fonts)
    return FontConfiguration()


def release_fonts() -> None:
    """Free the cached Pango and fontconfig objects while their libraries are still loaded.

    Left to interpreter shutdown, cffi finalises them after the libraries have been unloaded,
    and g_object_unref jumps into unmapped code: `flask content import` died with SIGSEGV (exit
    139) after its work was done (seen on PostgreSQL, where psycopg's libraries are loaded too;
    the order of teardown is not ours to choose, so do not leave it to teardown)."""
    stylesheet.cache_clear()
    font_configuration.cache_clear()
    gc.collect()


@lru_cache(maxsize=8)
def stylesheet(css: str) -> CSS:
    """Parse each stylesheet once: its @font-face rules (fonts as data: URIs) load only then."""
    return CSS(string=css, font_config=font_configuration(), url_fetcher=sealed_url_fetcher())


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF. moment: its creation and modification date (fixed, so the
    PDF's bytes do not depend on when it was rendered)."""
    name: str
    content: bytes
    description: str
    moment: datetime

    def for_weasyprint(self) -> weasyprint.Attachment:
        return weasyprint.Attachment(string=self.content, name=self.name,
                                     description=self.description, created=self.moment,
                                     modified=self.moment, relationship="Source",
                                     url_fetcher=sealed_url_fetcher())


def render_pdf(
    html: str, css: str = "", *, metadata: dict | None = None, variant: str | None = None,
    attachments: list[Attachment] = (),
) -> bytes:
    """Metadata dates are the caller's and the file identifier (/ID) is pydyf's MD5 of the
    content, not random; but the embedded font subsets depend on what this process rendered
    before (HarfBuzz's and fontTools' alike), so the same arguments can give other bytes later:
    a stored PDF is kept, never made again (lms/certificates/rendering.py)."""
    document = HTML(string=html, url_fetcher=sealed_url_fetcher(), base_url="about:blank")
    stylesheets = [stylesheet(css)] if css else []
    rendered = document.render(stylesheets=stylesheets, font_config=font_configuration())
    if metadata:
        for key, value in metadata.items():
            setattr(rendered.metadata, key, value)
    options = {"pdf_variant": variant} if variant else {}
    if attachments:
        options["attachments"] = [attachment.for_weasyprint() for attachment in attachments]
        options["pdf_identifier"] = True
    return rendered.write_pdf(**options)
