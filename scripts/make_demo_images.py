"""Draw the demo images that ship with the repository (santral/core/demo_assets/).

Own work, dedicated to the public domain (CC0 1.0): flat geometric shapes drawn with
Pillow, no photographs and no third-party material (docs/design.md lists every file).
Run `python scripts/make_demo_images.py` to draw them again; the output is deterministic.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "santral" / "core" / "demo_assets"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
W, H = 1280, 720


def _save(image: Image.Image, name: str) -> None:
    image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=32)
    image.save(OUT / name, optimize=True)


def cover_river(name: str, sky: str, water: str, land: str, accent: str, sun: str) -> None:
    """Bands of land and a river under a sun, with the arches of a stone bridge."""
    image = Image.new("RGB", (W, H), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((880, 90, 1080, 290), fill=sun)
    draw.polygon(
        [(0, 430), (300, 360), (620, 410), (960, 340), (1280, 390), (1280, 720), (0, 720)],
        fill=land,
    )
    draw.rectangle((0, 520, W, 720), fill=water)
    draw.rectangle((140, 470, 1140, 500), fill=accent)
    for index in range(6):
        x = 160 + index * 165
        draw.pieslice((x, 500, x + 130, 620), 180, 360, fill=water)
        draw.rectangle((x - 35, 500, x, 560), fill=accent)
    draw.rectangle((1115, 500, 1140, 560), fill=accent)
    for index in range(9):
        y = 600 + (index % 3) * 35
        x = 80 + index * 130
        draw.line((x, y, x + 70, y), fill=sky, width=5)
    _save(image, name)


def cover_fields(name: str, ground: str, stripes: tuple[str, ...], sun: str) -> None:
    """Ploughed fields in diagonal stripes and rows of cotton bolls under a low sun."""
    image = Image.new("RGB", (W, H), ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 70, 300, 250), fill=sun)
    for index in range(14):
        colour = stripes[index % len(stripes)]
        x = -400 + index * 140
        draw.polygon([(x, 720), (x + 140, 720), (x + 540, 330), (x + 470, 330)], fill=colour)
    draw.rectangle((0, 300, W, 335), fill=stripes[0])
    for row in range(2):
        for column in range(12):
            cx = 60 + column * 110 + row * 55
            cy = 390 + row * 150
            draw.ellipse((cx - 22, cy - 22, cx + 22, cy + 22), fill="#ffffff")
    _save(image, name)


def cover_waves(name: str, top: str, colours: tuple[str, ...]) -> None:
    """A lake behind a dam: stacked waves in a few calm colours."""
    image = Image.new("RGB", (W, H), top)
    draw = ImageDraw.Draw(image)
    for band, colour in enumerate(colours):
        base = 260 + band * 110
        points = [(0, H)]
        for x in range(0, W + 40, 40):
            offset = 28 if (x // 160 + band) % 2 else -10
            points.append((x, base + offset))
        points.append((W, H))
        draw.polygon(points, fill=colour)
    draw.rectangle((980, 120, 1010, 360), fill=colours[-1])
    draw.rectangle((1040, 160, 1070, 360), fill=colours[-1])
    draw.rectangle((1100, 90, 1130, 360), fill=colours[-1])
    _save(image, name)


def cover_network(name: str, ground: str, line: str, nodes: tuple[str, ...]) -> None:
    """Councils as nodes of a network joined by lines."""
    image = Image.new("RGB", (W, H), ground)
    draw = ImageDraw.Draw(image)
    points = [
        (160, 180),
        (420, 120),
        (650, 300),
        (380, 470),
        (900, 160),
        (1100, 380),
        (820, 560),
        (180, 560),
        (560, 620),
        (1150, 620),
    ]
    edges = [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 0),
        (2, 4),
        (4, 5),
        (5, 6),
        (6, 2),
        (3, 7),
        (3, 8),
        (8, 6),
        (6, 9),
        (5, 9),
        (1, 4),
    ]
    for a, b in edges:
        draw.line((*points[a], *points[b]), fill=line, width=8)
    for index, (x, y) in enumerate(points):
        radius = 46 if index in (2, 5) else 30
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=nodes[index % len(nodes)]
        )
    _save(image, name)


def cover_circles(name: str, ground: str, colours: tuple[str, ...]) -> None:
    """People gathering: overlapping circles in a loose ring."""
    image = Image.new("RGB", (W, H), ground)
    draw = ImageDraw.Draw(image)
    centres = [
        (300, 360),
        (470, 250),
        (660, 220),
        (850, 260),
        (1000, 380),
        (860, 500),
        (650, 540),
        (460, 490),
    ]
    for index, (x, y) in enumerate(centres):
        radius = 120 if index % 2 else 95
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=colours[index % len(colours)]
        )
    draw.ellipse((580, 300, 740, 460), fill="#ffffff")
    _save(image, name)


def cover_leaves(name: str, ground: str, colours: tuple[str, ...]) -> None:
    """Climate: a field of leaf-like triangles rising towards the light."""
    image = Image.new("RGB", (W, H), ground)
    draw = ImageDraw.Draw(image)
    for row in range(5):
        for column in range(11):
            x = column * 125 + (row % 2) * 62
            y = 720 - row * 130
            height = 110 + ((column * 7 + row * 3) % 4) * 25
            draw.polygon(
                [(x, y), (x + 100, y), (x + 50, y - height)],
                fill=colours[(column + row) % len(colours)],
            )
    draw.ellipse((1030, 50, 1190, 210), fill="#f6c945")
    _save(image, name)


def logo(name: str, letters: str, ground: str, accent: str) -> None:
    """A council mark: initials on a rounded square with a river line beneath."""
    size = 400
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, size - 10, size - 10), radius=64, fill=ground)
    font = ImageFont.truetype(FONT, 150 if len(letters) < 3 else 110)
    draw.text((size / 2, 165), letters, font=font, fill="#ffffff", anchor="mm")
    draw.arc((80, 250, 320, 350), 25, 155, fill=accent, width=18)
    _save(image, name)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cover_river("adana-buyuksehir-kapak.png", "#cfe6ee", "#0b5a7a", "#7fb8a4", "#b35900", "#f6c945")
    cover_waves("seyhan-kapak.png", "#fde7c8", ("#f2b66d", "#d9822b", "#a95c14", "#6e3b0c"))
    cover_fields("cukurova-kapak.png", "#e5efd9", ("#5c8a3a", "#7fa65a", "#3f6b28"), "#f6c945")
    cover_river("ceyhan-kapak.png", "#e9e6f5", "#4b3a91", "#b7acd9", "#6e3b0c", "#f0a6ca")
    cover_circles(
        "kadin-meclisi-kapak.png", "#fbeef0", ("#b83b5e", "#e58f65", "#6a2c70", "#f0a6ca")
    )
    cover_leaves(
        "iklim-atolyesi-kapak.png", "#e8f4ec", ("#1d6b35", "#3a9a5b", "#7cc68d", "#0f4d24")
    )
    cover_network("konsey-agi-kapak.png", "#e6f0f5", "#7fa8bd", ("#0b5a7a", "#073f56", "#b35900"))
    # Demo events (issue 19: events as cards with images, like news).
    cover_network(
        "tanitim-toplantisi-kapak.png", "#fdf3e3", "#d9a86c", ("#b35900", "#0b5a7a", "#6e3b0c")
    )
    cover_fields(
        "butce-atolyesi-kapak.png", "#eef1f8", ("#3a4f8a", "#6f83bf", "#24345e"), "#f0a6ca"
    )
    cover_circles(
        "genclik-oturumu-kapak.png", "#eaf5f8", ("#0b5a7a", "#3a9a5b", "#f2b66d", "#4b3a91")
    )
    logo("adana-buyuksehir-logo.png", "AB", "#0b5a7a", "#f6c945")
    logo("seyhan-logo.png", "S", "#a95c14", "#fde7c8")
    logo("cukurova-logo.png", "Ç", "#3f6b28", "#f6c945")
    logo("ceyhan-logo.png", "C", "#4b3a91", "#e9e6f5")


if __name__ == "__main__":
    main()
