"""Draws the app icons and favicons once: `python -m lms.offline.icons` (needs Pillow).

The files it writes to lms/static/ (PNGs, favicon.ico, favicon.svg) are committed; run it again
only to change the design: an open book in white on the site's dark blue, inside the central
area so that the maskable icon survives any mask a phone applies.
"""
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
BLUE, WHITE, GOLD = "#073763", "#ffffff", "#ffbf47"
# Two pages meeting at a spine, and a bookmark: (colour, points) in a unit square.
BOOK = [
    (WHITE, [(.06, .22), (.47, .30), (.47, .88), (.06, .80)]),
    (WHITE, [(.53, .30), (.94, .22), (.94, .80), (.53, .88)]),
    (GOLD, [(.70, .26), (.82, .24), (.82, .52), (.76, .46), (.70, .53)]),
]
ICON_INSET, MASKABLE_INSET = 0.12, 0.22


def _placed(size: float, inset: float):
    scale, offset = size * (1 - 2 * inset), size * inset
    for colour, points in BOOK:
        yield colour, [(offset + x * scale, offset + y * scale) for x, y in points]


def icon(size: int, maskable: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, size, size], fill=BLUE)
    else:
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 6, fill=BLUE)
    for colour, points in _placed(size, MASKABLE_INSET if maskable else ICON_INSET):
        draw.polygon(points, fill=colour)
    return image


def svg_icon() -> str:
    shapes = [f'<rect width="100" height="100" rx="16" fill="{BLUE}"/>']
    for colour, points in _placed(100, ICON_INSET):
        coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        shapes.append(f'<polygon fill="{colour}" points="{coordinates}"/>')
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n{}\n</svg>\n'.format(
        "\n".join(shapes))


def main() -> None:
    folder = STATIC / "icons"
    folder.mkdir(exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(folder / f"icon-{size}.png", optimize=True)
    icon(512, maskable=True).save(folder / "icon-maskable-512.png", optimize=True)
    icon(256, maskable=False).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    (STATIC / "favicon.svg").write_text(svg_icon())


if __name__ == "__main__":
    main()
