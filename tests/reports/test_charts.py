"""The charts' text fits inside the drawing: the activity chart cut its last date in half."""
import re
from datetime import date, timedelta

import pytest

from lms.reports.charts import column_chart, text_width
from tests.reports.helpers import learners, trainer


def labels_outside(svg: str) -> list[str]:
    """Every <text> whose estimated extent, from its x and text-anchor, leaves the viewBox."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    outside = []
    for attributes, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        x = float(re.search(r'\bx="([\d.-]+)"', attributes).group(1))
        size = int(re.search(r'font-size="(\d+)"', attributes).group(1))
        anchor = re.search(r'text-anchor="(\w+)"', attributes)
        extent = text_width(text, size)
        left = {"end": x - extent, "middle": x - extent / 2}.get(
            anchor.group(1) if anchor else "start", x)
        if left < 0 or left + extent > width:
            outside.append(f"{text} at {x}")
    return outside


@pytest.mark.parametrize("count, step", [(12, 31), (13, 31), (53, 7), (1, 7), (120, 31)])
def test_every_axis_label_fits_inside_the_chart(count, step):
    days = [(date(2026, 1, 5) + timedelta(days=step * n)).isoformat() for n in range(count)]
    svg = column_chart("c", "t", "d", days, [("Enrolments", [10] * count)])
    assert days[-1 if count < 6 else 0] in svg
    assert labels_outside(svg) == []


def test_the_activity_pages_chart_fits(app, client, course):
    learners(app, 10)
    trainer(app, client)
    for query in ("", "?by=week", "?from=2026-01-01&to=2026-12-31"):
        svg = client.get(f"/manage/mini/reports/activity{query}").get_data(as_text=True)
        svg = svg[svg.index("<svg"):svg.index("</svg>")]
        assert labels_outside(svg) == [], query
