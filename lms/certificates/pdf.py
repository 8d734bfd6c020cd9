"""The certificate as HTML and PDF, rendered from a plain dict: no ORM, no app, no network."""
import base64
import re
from datetime import date
from functools import cache

import qrcode
from jinja2 import Environment, FileSystemLoader, select_autoescape
from qrcode.image.svg import SvgPathImage

from lms.config import PROJECT_ROOT
from lms.pdf import render_pdf

DESIGN_DIR = PROJECT_ROOT / "certificates"
# url(fonts/X.ttf) or url(logo.svg) in certificate.css: files of the design, inlined at load.
DESIGN_URL = re.compile(r"url\((['\"]?)((?:fonts/)?[A-Za-z0-9_-]+\.(ttf|svg))\1\)")
MIME_TYPES = {"ttf": "font/ttf", "svg": "image/svg+xml"}
# WeasyPrint's tagged-PDF profile, so screen readers get structure, reading order and alt text.
PDF_VARIANT = "pdf/ua-1"


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(DESIGN_DIR), autoescape=select_autoescape(["html"]))


@cache
def certificate_css() -> str:
    """certificate.css with each url() of a design file inlined, so the fetcher can refuse files."""
    css = (DESIGN_DIR / "certificate.css").read_text()
    return DESIGN_URL.sub(
        lambda m: f'url("{data_uri(MIME_TYPES[m[3]], (DESIGN_DIR / m[2]).read_bytes())}")', css)


def qr_code(url: str) -> str:
    """A QR code of url as an SVG data: URI (vector, so it prints sharp at any size)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    return data_uri("image/svg+xml", code.make_image().to_string())


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def certificate_html(data: dict) -> str:
    """The printable certificate page. data: printed_name, course_title, edition, organisation,
    language, completed_on (a date), code, verify_url."""
    context = {**data, "completed_on": long_date(data["completed_on"]),
               "qr_code": qr_code(data["verify_url"])}
    return _environment().get_template("certificate.html").render(context)


def pdf_metadata(data: dict) -> dict:
    return {
        "title": f"Certificate of completion: {data['course_title']}",
        "authors": [data["organisation"]],
        "description": (f"{data['printed_name']} completed {data['course_title']} "
                        f"(edition {data['edition']}) on {long_date(data['completed_on'])}. "
                        f"Verification code {data['code']}: {data['verify_url']}"),
        "lang": data["language"],
        # Fixed dates make the bytes depend only on the certificate, so a repeated render
        # (a retried or duplicated task) writes the very same file with the same SHA-256.
        "created": data["issued_at"],
        "modified": data["issued_at"],
    }


def render_certificate_pdf(data: dict) -> bytes:
    """One landscape page; data as for certificate_html, plus issued_at (an ISO 8601 string)."""
    return render_pdf(certificate_html(data), certificate_css(), metadata=pdf_metadata(data),
                      variant=PDF_VARIANT)
