from django import template
from django.utils.safestring import mark_safe

from ..richtext import render_rich_text

register = template.Library()


@register.filter
def safe_richtext(value) -> str:
    """Expand and sanitise stored rich text; the result is safe because nh3 cleaned it."""
    return mark_safe(render_rich_text(str(value or "")))
