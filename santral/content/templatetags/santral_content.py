from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..richtext import render_rich_text
from ..selectors import ContentVersion, content_versions

register = template.Library()


@register.filter
def safe_richtext(value) -> str:
    """Expand and sanitise stored rich text; the result is safe because nh3 cleaned it."""
    return mark_safe(render_rich_text(str(value or "")))


@register.filter
def safe_richtext_nofollow(value) -> str:
    """As safe_richtext, for harvested text: its links get rel="nofollow noopener"."""
    return mark_safe(render_rich_text(str(value or ""), nofollow=True))


@register.simple_tag
def list_version(item) -> ContentVersion:
    """What a list card shows: the item's translation in the interface language, if any.

    The same choice as the item page (`content_versions`), reading the translations that
    `public_items` prefetches, so a list costs no extra query.
    """
    language = (get_language() or "tr").split("-")[0]
    return content_versions(item, ui_language=language).shown
