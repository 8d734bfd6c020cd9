"""The certificate as HTML and PDF, rendered from CertificateFacts: no ORM, no app, no network."""
import base64
import re
from dataclasses import asdict
from functools import cache

import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape

from lms.certificates.facts import CertificateFacts
from lms.i18n import translations
from lms.instance import PROJECT_ROOT
from lms.paper import page_box, page_rule, paper_size
from lms.pdf import Attachment, render_pdf

DESIGN_DIR = PROJECT_ROOT / "certificates"
# url(fonts/X.ttf) or url(logo.svg) in certificate.css: files of the design, inlined at load.
DESIGN_URL = re.compile(r"url\((['\"]?)((?:fonts/)?[A-Za-z0-9_-]+\.(ttf|svg))\1\)")
MIME_TYPES = {"ttf": "font/ttf", "svg": "image/svg+xml"}
# WeasyPrint's tagged-PDF profile, so screen readers get structure, reading order and alt text.
PDF_VARIANT = "pdf/ua-1"
CREDENTIAL_NAME = "credential.jwt"


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@cache
def _environment(language: str) -> Environment:
    """The design's templates, their words in `language` (the catalog of lms/translations)."""
    environment = Environment(loader=FileSystemLoader(DESIGN_DIR),
                              autoescape=select_autoescape(["html"]),
                              extensions=["jinja2.ext.i18n"])
    environment.install_gettext_translations(translations(language), newstyle=True)
    return environment


@cache
def certificate_css() -> str:
    """certificate.css with each url() of a design file inlined, so the fetcher can refuse files."""
    css = (DESIGN_DIR / "certificate.css").read_text()
    return DESIGN_URL.sub(
        lambda m: f'url("{data_uri(MIME_TYPES[m[3]], (DESIGN_DIR / m[2]).read_bytes())}")', css)


def paper_css(paper: str) -> str:
    """The page on the configured paper (PAPER_SIZE), landscape, the design filling it."""
    width, height = page_box(paper, landscape=True)
    return (f"{page_rule(paper, landscape=True)}\n"
            f".certificate {{ width: {width}mm; height: {height}mm; }}\n")


def qr_code(url: str) -> str:
    """A QR code of url as an SVG data: URI (vector, so it prints sharp at any size). Error
    correction M, raised by segno where the same size allows; each row's dark modules are runs
    of one path, which WeasyPrint draws in a fraction of the time of a square per module."""
    return segno.make_qr(url, error="m").svg_data_uri(border=2, omitsize=True)


def certificate_html(facts: CertificateFacts) -> str:
    """The printable certificate page."""
    context = {**asdict(facts), "completed_on": facts.completed_on_text,
               "hours": facts.hours_text if facts.reading_minutes else "",
               "qr_code": qr_code(facts.verify_url)}
    return _environment(facts.language).get_template("certificate.html").render(context)


def pdf_metadata(facts: CertificateFacts) -> dict:
    _ = translations(facts.language).gettext
    return {
        "title": _("Certificate of completion: %(course)s") % {"course": facts.course_title},
        "authors": [facts.organisation],
        "description": _("%(name)s completed %(course)s (edition %(edition)s) on %(date)s. "
                         "Verification code %(code)s: %(url)s") % {
            "name": facts.printed_name, "course": facts.course_title, "edition": facts.edition,
            "date": facts.completed_on_text, "code": facts.code, "url": facts.verify_url},
        "lang": facts.language,
        # Fixed dates make the bytes depend only on the certificate, so a repeated render
        # (a retried or duplicated task) writes the very same file with the same SHA-256.
        "created": facts.issued_at_iso,
        "modified": facts.issued_at_iso,
    }


def render_certificate_pdf(facts: CertificateFacts, credential: str | None = None) -> bytes:
    """One landscape page; with the signed credential attached (credential.jwt), so the PDF
    alone carries its proof. The same facts and credential give the same bytes."""
    return render_pdf(certificate_html(facts), **pdf_options(facts, credential))


def pdf_options(facts: CertificateFacts, credential: str | None = None) -> dict:
    """What WeasyPrint is given with the certificate's HTML: the design on the configured
    paper, the metadata, the tagged-PDF variant and the credential as an attachment."""
    attachments = [Attachment(name=CREDENTIAL_NAME, content=credential.encode("ascii"),
                              description="Open Badges 3.0 credential (VC-JWT) of this "
                                          "certificate", moment=facts.issued_at)
                   ] if credential else []
    return {"css": certificate_css() + paper_css(paper_size()), "metadata": pdf_metadata(facts),
            "variant": PDF_VARIANT, "attachments": attachments}
