from dataclasses import dataclass

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..richtext import render_rich_text

register = template.Library()


@register.filter
def safe_richtext(value) -> str:
    """Expand and sanitise stored rich text; the result is safe because nh3 cleaned it."""
    return mark_safe(render_rich_text(str(value or "")))


@dataclass(frozen=True)
class ListVersion:
    """What a list card shows of an item: its translation in the interface's language, if any."""

    title: str
    intro: str
    lang: str


@register.simple_tag
def list_version(item) -> ListVersion:
    """Reads the translations prefetched by `public_items`, so a list costs no extra query."""
    interface = get_language() or ""
    if interface and item.language != interface:
        for translation in item.translations.all():
            if translation.language == interface and translation.variant == "standard":
                return ListVersion(translation.title, translation.summary, interface)
    lang = "" if item.language == "other" else item.language
    return ListVersion(item.title, getattr(item, "intro", "") or "", lang)
