"""Rich text on its way out: Wagtail's stored HTML expanded, then cleaned by nh3 (Ammonia).

Editors write in Wagtail's Draftail editor (no raw HTML), but text also arrives
from WordPress imports and the database itself; so every page sanitises on
output. No script, event handler, style or javascript:/data: URL survives.
"""

import re

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
# nh3 writes tags in lower case with quoted attributes, so this finds every <img> without alt.
IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")


def sanitize_html(html: str, *, link_rel: str = "noopener noreferrer") -> str:
    """Clean arbitrary HTML down to the safe subset above.

    An image without alt text (only imported HTML can hold one; the editor has no
    image feature) is marked decorative (alt="") so screen readers do not read
    out its file name.
    """
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=link_rel,
        strip_comments=True,
    )
    return IMG_WITHOUT_ALT.sub('<img alt=""', cleaned)


def render_rich_text(value: str, *, nofollow: bool = False) -> str:
    """Wagtail rich text (with its <a linktype> and <embed> references) as safe HTML.

    nofollow: text harvested from other sites (santral.federation) — its links are not
    the council's recommendation."""
    link_rel = "nofollow noopener noreferrer" if nofollow else "noopener noreferrer"
    return sanitize_html(expand_db_html(value or ""), link_rel=link_rel)


# Stored rich text keeps Wagtail's own link references (<a linktype="page" id="3">), which
# expand_db_html turns into real links on output; nothing else beyond the output subset.
STORED_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": ALLOWED_ATTRIBUTES["a"] | {"linktype", "id"}}


def sanitize_stored_html(value: str) -> str:
    """Rich text as it is saved (Wagtail's database format): the same safe subset as on
    output, plus Wagtail's link references. Applied on every save, so a script or event
    handler sent past the editor (a service call, an import, the API) is never stored;
    output is still cleaned (render_rich_text) for rows written before this rule."""
    if not value:
        return value or ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=STORED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
