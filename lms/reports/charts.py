"""Charts drawn on the server as SVG: no script, no inline style (presentation attributes
only, which the CSP allows), a title and description for screen readers. The page always shows
the same numbers as a table; a hidden figure ("fewer than 10") draws no bar."""
from markupsafe import Markup, escape

from lms.reports.privacy import Hidden

COLOURS = ("#0b5394", "#1e6b34", "#9a3412")  # each at least 4.5:1 on white
INK = "#1b1b1b"
WIDTH = 640
BAR_AREA = 470
LEFT = 8


def text_width(text: str, size: int) -> float:
    """A generous estimate of a label's width: 0.6 em a character (sans-serif digits are
    about 0.55 em), so a label placed by it is not cut off at the chart's edge."""
    return 0.6 * size * len(text)


def _number(value) -> float:
    """A figure's length: none for a hidden one or a blank (no one to count)."""
    return 0 if isinstance(value, Hidden) or value in (None, "") else float(value)


def _legend(series: list[tuple[str, list]], y: int) -> list[str]:
    parts, x = [], LEFT
    for index, (name, _) in enumerate(series):
        parts.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" '
                     f'fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 17}" y="{y}" font-size="13" fill="{INK}">'
                     f'{escape(name)}</text>')
        x += 30 + 8 * len(name)
    return parts


def _svg(chart_id: str, title: str, description: str, height: int, body: list[str]) -> Markup:
    # Every piece of text in body and here went through escape(): nothing unescaped reaches it.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>")


def bar_chart(chart_id: str, title: str, description: str, labels: list[str],
              series: list[tuple[str, list]], unit: str = "") -> Markup:
    """Horizontal bars, one group per label (a label on its own line, long names fit)."""
    top = max([_number(v) for _, values in series for v in values] + [1])
    body, y = _legend(series, 16), 36
    for row, label in enumerate(labels):
        body.append(f'<text x="{LEFT}" y="{y + 12}" font-size="13" fill="{INK}">'
                    f'{escape(label[:90])}</text>')
        y += 18
        for index, (_, values) in enumerate(series):
            value = values[row]
            width = round(BAR_AREA * _number(value) / top)
            if width:
                body.append(f'<rect x="{LEFT}" y="{y}" width="{width}" height="12" '
                            f'fill="{COLOURS[index % len(COLOURS)]}"/>')
            suffix = "" if isinstance(value, Hidden) or value == "" else unit
            body.append(f'<text x="{LEFT + width + 6}" y="{y + 11}" font-size="12" '
                        f'fill="{INK}">{escape(value)}{suffix}</text>')
            y += 15
        y += 8
    return _svg(chart_id, title, description, y + 4, body)


def column_chart(chart_id: str, title: str, description: str, labels: list[str],
                 series: list[tuple[str, list]]) -> Markup:
    """Columns over time, grouped per period; every few periods labelled below the axis."""
    top = max([_number(v) for _, values in series for v in values] + [1])
    plot_top, plot_height, left = 36, 200, 48
    slot = (WIDTH - left - 8) / max(len(labels), 1)
    bar = max(slot / (len(series) + 1), 1)
    body = _legend(series, 16)
    base = plot_top + plot_height
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="{INK}"/>')
    body.append(f'<text x="{left - 6}" y="{plot_top + 10}" font-size="12" fill="{INK}" '
                f'text-anchor="end">{int(top)}</text>')
    body.append(f'<text x="{left - 6}" y="{base}" font-size="12" fill="{INK}" '
                f'text-anchor="end">0</text>')
    every = max(1, round(len(labels) / 6))
    for column, label in enumerate(labels):
        x = left + column * slot
        for index, (_, values) in enumerate(series):
            height = round(plot_height * _number(values[column]) / top, 1)
            if height:
                body.append(f'<rect x="{x + index * bar:.1f}" y="{base - height}" '
                            f'width="{bar:.1f}" height="{height}" '
                            f'fill="{COLOURS[index % len(COLOURS)]}"/>')
        if column % every == 0:
            # Centred under its columns, but moved in from either edge so it is never cut off.
            half = text_width(label, 12) / 2
            middle = min(max(x + slot / 2, half + 2), WIDTH - half - 2)
            body.append(f'<text x="{middle:.1f}" y="{base + 16}" font-size="12" fill="{INK}" '
                        f'text-anchor="middle">{escape(label)}</text>')
    return _svg(chart_id, title, description, base + 24, body)
