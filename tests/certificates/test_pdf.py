"""The PDF render on its own: a plain dict in, one tagged landscape page out, no network."""
import io
import socket
from dataclasses import replace
from datetime import UTC, date, datetime

import pypdf
import pypdfium2
import pytest
import zxingcpp

from lms.certificates.facts import CertificateFacts
from lms.certificates.pdf import certificate_css, certificate_html, render_certificate_pdf

DATA = CertificateFacts(
    printed_name="Zoë O’Brien-Nakamura",
    course_title="Restraint and Seclusion in Schools: What Parents and Caregivers Need to Know",
    edition="2026.1",
    organisation="Parents for Safe Schools",
    language="en",
    completed_on=date(2026, 11, 29),
    issued_at=datetime(2026, 11, 29, 10, 15, tzinfo=UTC),
    code="7K3M-Q9XT-2RVD-8HCW",
    verify_url="https://courses.example.org/verify/7K3M-Q9XT-2RVD-8HCW",
    reading_minutes=150,
)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_certificate_pdf(DATA)


@pytest.fixture(scope="module")
def pdf(pdf_bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_bytes))


def test_one_landscape_page_with_the_name_course_date_code_and_url(pdf):
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert box.width > box.height
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in ("Zoë O’Brien-Nakamura", "Restraint and Seclusion in Schools", "2026.1",
                     "November 29, 2026", "7K3M-Q9XT-2RVD-8HCW", "Parents for Safe Schools",
                     "https://courses.example.org/verify/7K3M-Q9XT-2RVD-8HCW"):
        assert expected in text


def test_the_hours_of_study_are_printed(pdf):
    assert "2.5 hours of study" in " ".join(pdf.pages[0].extract_text().split())


def test_metadata_is_set(pdf):
    info = pdf.metadata
    assert info.title == f"Certificate of completion: {DATA.course_title}"
    assert info.author == "Parents for Safe Schools"
    assert "Zoë O’Brien-Nakamura" in info.subject and DATA.code in info.subject


def test_the_shipped_fonts_are_embedded(pdf):
    fonts = [font.get_object() for font in pdf.pages[0]["/Resources"]["/Font"].values()]
    names = {str(font["/BaseFont"]).split("+")[1] for font in fonts}
    assert {"Certificate-Serif", "Certificate-Serif-Bold", "Certificate-Sans"} <= names
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_it_is_tagged_for_screen_readers(pdf):
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    # The QR code is a figure with alternative text naming the URL it links to.
    assert b"QR code linking to https://courses.example.org/verify/" in _structure_bytes(root)


@pytest.mark.parametrize("dpi", [72, 150])
def test_a_qr_reader_finds_the_verification_link_on_the_page(pdf_bytes, dpi):
    """The page as a screen shows it (72 dpi) and as a scanner or a phone's camera sees a
    print (150 dpi): ZXing, a reader independent of the code that drew it, finds one QR code,
    and it is the certificate's own verification link."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in codes] == [DATA.verify_url]


def _structure_bytes(root) -> bytes:
    """Every /Alt text in the structure tree, UTF-8 encoded."""
    found, stack = [], [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
    return " ".join(found).encode()


def test_it_renders_with_no_network_and_no_file_urls(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access during a certificate render")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert render_certificate_pdf(replace(DATA, code="AAAA-BBBB-CCCC-DDDD")).startswith(b"%PDF-")
    # Every resource is inline; the design never points the renderer at a file or host.
    assert "url(fonts/" not in certificate_css()
    html = certificate_html(DATA)
    assert 'src="data:' in html and 'src="http' not in html and "file:" not in html


def test_the_same_record_renders_the_same_certificate():
    """The same pages and words. Not always the same bytes: WeasyPrint's font subsets depend on
    what the process rendered before, so a holder's file is checked against the hash of the
    render stored (lms/certificates/rendering.py), never against a render made again."""
    first, again = (pypdf.PdfReader(io.BytesIO(render_certificate_pdf(DATA))).pages
                    for _ in range(2))
    assert len(first) == len(again) == 1
    assert first[0].extract_text() == again[0].extract_text()
    assert DATA.printed_name in first[0].extract_text()


def test_a_very_long_name_still_fits_one_page():
    long = replace(DATA, printed_name=(
        "Maria-Magdalena Alexandrina Konstantinopoulou-Van der Westhuizen"))
    assert len(pypdf.PdfReader(io.BytesIO(render_certificate_pdf(long))).pages) == 1


def test_names_are_escaped_not_interpreted():
    html = certificate_html(replace(DATA, printed_name="<img src=x onerror=alert(1)>"))
    assert "<img src=x" not in html and "&lt;img src=x" in html
