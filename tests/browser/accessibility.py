"""Helpers for accessibility checks in a real browser: axe-core and layout at small widths."""
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page) -> list[str]:
    """One line per WCAG A/AA violation axe-core finds on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def structure_problems(page) -> list[str]:
    """The page-level promises: a skip link, landmarks, exactly one h1."""
    problems = []
    if page.locator("a.skip-link[href='#main']").count() != 1:
        problems.append("no skip link")
    for landmark in ["header", "nav", "main", "footer"]:
        if page.locator(landmark).count() < 1:
            problems.append(f"no <{landmark}>")
    if page.locator("h1").count() != 1:
        problems.append(f"{page.locator('h1').count()} h1 elements")
    return problems


def page_problems(page, label: str) -> list[str]:
    """Everything wrong with the page as shown now: axe-core violations, the page-level
    structure, and sideways scrolling on a 320px phone or a 1280px window zoomed to 200%."""
    problems = [f"{label}: {line}" for line in axe_violations(page)]
    problems += [f"{label}: {line}" for line in structure_problems(page)]
    size = page.viewport_size
    for width in (320, 640):
        page.set_viewport_size({"width": width, "height": 800})
        if horizontal_overflow(page) > 0:
            problems.append(f"{label}: scrolls sideways at {width}px")
    page.set_viewport_size(size)
    return problems
