"""Rich text on its way out: Wagtail's stored HTML expanded, then cleaned by nh3 (Ammonia).

Editors write in Wagtail's Draftail editor (no raw HTML), but text also arrives
from WordPress imports and the database itself; so every page sanitises on
output. No script, event handler, style or javascript:/data: URL survives.
"""

import nh3
from wagtail.rich_text import expand_db_html

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Clean arbitrary HTML down to the safe subset above."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_rich_text(value: str) -> str:
    """Wagtail rich text (with its <a linktype> and <embed> references) as safe HTML."""
    return sanitize_html(expand_db_html(value or ""))
