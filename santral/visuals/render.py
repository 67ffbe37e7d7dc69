"""Render a template bundle to PDF and PNG with no outbound request (docs/visuals.md).

WeasyPrint lays the bundle's `index.html` out; every resource it asks for goes through
`BundleFetcher`, which serves `data:` URIs and files inside the bundle folder or the site's
media root, and refuses everything else (http, https, ftp, file:// elsewhere) before any
connection is made. Text fields named in the manifest's `fit` are set at the largest size
that fits their line limit; a field that does not fit at the smallest size raises
TextDoesNotFit naming it — text is never cut.
"""

import base64
import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdfium2
import qrcode
import qrcode.image.svg
import weasyprint
from django.conf import settings
from django.template import Context, Engine
from django.utils.translation import gettext as _
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .bundles import Bundle, OutputSize


class TextDoesNotFit(ValueError):
    def __init__(self, field: str, language: str):
        self.field = field
        self.language = language
        super().__init__(
            _(
                "“%(field)s” alanının metni (%(language)s) en küçük yazı boyutunda da şablona "
                "sığmıyor; metni kısaltın ya da başka bir şablon seçin."
            )
            % {"field": field, "language": language}
        )


class RefusedResource(ValueError):
    pass


class BundleFetcher(URLFetcher):
    """Serves data: URIs and files under the allowed folders only; records every refusal."""

    def __init__(self, roots: list[Path]):
        super().__init__(timeout=1, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return self._refuse(url)
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        return self._refuse(url)

    def _refuse(self, url: str):
        self.refused.append(url)
        raise RefusedResource(f"Resource outside the bundle refused: {url[:200]}")


def qr_data_uri(url: str) -> str:
    """The item's public address as a QR code, an inline SVG data URI (no file, no request)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# No loaders, no tag libraries beyond Django's built-ins: {% include %}/{% extends %} find
# nothing, and a bundle cannot load code. Autoescaping stays on for every value.
_ENGINE = Engine(loaders=[], libraries={}, autoescape=True, debug=False)


@dataclass
class Rendered:
    pdf: bytes
    png: bytes
    width: int
    height: int
    font_sizes: dict[str, int]
    refused: list[str]


def _fit_boxes(page_box) -> dict[str, list]:
    found: dict[str, list] = {}
    stack = [page_box]
    while stack:
        item = stack.pop()
        box = getattr(item, "_box", item)  # an absolutely positioned box's placeholder
        element = getattr(box, "element", None)
        if (
            isinstance(box, boxes.BlockLevelBox)
            and isinstance(box, boxes.ParentBox)
            and element is not None
            and element.get("data-fit")
            and getattr(box, "element_tag", None) == element.tag
        ):
            found.setdefault(element.get("data-fit"), []).append(box)
        stack.extend(getattr(box, "children", []))
    return found


def _line_count(box) -> int:
    return sum(1 for child in box.descendants() if isinstance(child, boxes.LineBox))


def _overflowing_fields(page) -> set[str] | None:
    """The fit fields inside a `data-fit-area` (a box of fixed height in the bundle's CSS)
    from which a line of text runs out, or off the page: such text would be hidden or run
    into another block. None when nothing overflows; an empty set when text outside any fit
    field overflows."""
    page_box = page._page_box
    found: set[str] | None = None
    stack = [(page_box, page.height, page_box)]
    while stack:
        item, limit, area = stack.pop()
        box = getattr(item, "_box", item)  # an absolutely positioned box's placeholder
        element = getattr(box, "element", None)
        if (
            element is not None
            and element.get("data-fit-area") is not None
            and getattr(box, "element_tag", None) == element.tag
            and isinstance(box, boxes.BlockBox)
        ):
            limit = min(limit, box.position_y + box.border_height())
            area = box
        if isinstance(box, boxes.LineBox) and (
            box.position_y + box.height > limit + 0.5
            or box.position_x < -0.5
            or box.position_x + box.width > page.width + 0.5
        ):
            found = found or set()
            found.update(_fit_boxes(area))
        stack.extend((child, limit, area) for child in getattr(box, "children", []))
    return found


def _layout(html: str, bundle: Bundle, size: OutputSize, font_sizes: dict[str, int], fetcher):
    variables = "".join(f"--fit-{name}: {px}px;" for name, px in font_sizes.items())
    page_css = weasyprint.CSS(
        string=f"@page {{ size: {size.css_page_size}; margin: 0 }} :root {{ {variables} }}"
    )
    return weasyprint.HTML(
        string=html, base_url=bundle.path.resolve().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[page_css])


def render_bundle(*, bundle: Bundle, size: OutputSize, context: dict, language: str) -> Rendered:
    """Lay out, fit the text, write the PDF and a PNG of exactly `size` pixels."""
    source = (bundle.path / "index.html").read_text(encoding="utf-8")
    html = _ENGINE.from_string(source).render(Context({**context, "size": size.name}))
    fetcher = BundleFetcher([bundle.path, Path(settings.MEDIA_ROOT)])
    steps = {name: list(rule.sizes_px) for name, rule in bundle.fit.items()}
    font_sizes = {name: sizes[0] for name, sizes in steps.items()}
    while True:
        document = _layout(html, bundle, size, font_sizes, fetcher)
        found = _fit_boxes(document.pages[0]._page_box)
        too_long = [
            name
            for name, rule in bundle.fit.items()
            if any(_line_count(box) > rule.max_lines for box in found.get(name, []))
        ]
        overflowing = _overflowing_fields(document.pages[0])
        if len(document.pages) > 1:
            overflowing = set(found)
        if not too_long and overflowing is not None:
            # Text runs out of its area although each field keeps its line limit: shrink the
            # area's fields that still can; when none can, name them.
            present = [name for name in bundle.fit if name in overflowing]
            too_long = [n for n in present if font_sizes[n] != steps[n][-1]]
            if not too_long:
                raise TextDoesNotFit(", ".join(present) or _("sayfa"), language)
        if not too_long:
            break
        for name in too_long:
            remaining = steps[name][steps[name].index(font_sizes[name]) + 1 :]
            if not remaining:
                raise TextDoesNotFit(name, language)
            font_sizes[name] = remaining[0]
    pdf = document.write_pdf(zoom=size.zoom)
    return Rendered(
        pdf=pdf,
        png=pdf_to_png(pdf, size.width_px, size.height_px),
        width=size.width_px,
        height=size.height_px,
        font_sizes=font_sizes,
        refused=list(fetcher.refused),
    )


def pdf_to_png(pdf: bytes, width: int, height: int) -> bytes:
    """The first page as a PNG of exactly width × height pixels."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        page_width, _page_height = page.get_size()
        image = page.render(scale=width / page_width).to_pil()
        if image.size != (width, height):
            image = image.resize((width, height))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
