"""Markdown rendering keeps formatting and drops anything that could run."""

from html.parser import HTMLParser

from lms.courses.markdown import render_markdown


class ActiveContent(HTMLParser):
    """Collects every tag or attribute in rendered HTML that could run code."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "svg", "object", "embed", "style", "form", "math"}:
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if (
                name.startswith("on")
                or name == "style"
                or value.startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.found.append(f"{tag} {name}={value}")


def test_formatting_survives():
    html = render_markdown(
        "## Heading\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "> **Important:** note\n\n[link](https://example.org)"
    )
    for fragment in [
        "<h2>Heading</h2>",
        "<li>one</li>",
        "<table>",
        "<td>1</td>",
        "<blockquote>",
        "<strong>Important:</strong>",
        '<a href="https://example.org" rel="noopener noreferrer">link</a>',
    ]:
        assert fragment in html


def test_level_one_headings_are_demoted():
    assert render_markdown("# Big") == "<h2>Big</h2>\n"


def test_scripts_and_handlers_are_removed():
    payloads = [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<svg onload="alert(1)"></svg>',
        "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ]
    for payload in payloads:
        parser = ActiveContent()
        parser.feed(render_markdown(payload))
        assert parser.found == [], payload


def test_images_only_from_this_sites_uploads():
    assert '<img src="/uploads/abc.png" alt="A chart">' in render_markdown(
        "![A chart](/uploads/abc.png)"
    )
    assert "src=" not in render_markdown("![tracker](https://tracker.example/pixel.gif)")
    assert "src=" not in render_markdown("![x](/uploads/../secret_key)")


def test_tables_carry_no_inline_style_the_csp_would_block():
    html = render_markdown("| a | b |\n|:-:|--:|\n| 1 | 2 |")
    assert "<td>1</td>" in html and "style=" not in html
