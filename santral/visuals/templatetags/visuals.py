from django import template
from django.utils import translation

from ..selectors import social_card_for

register = template.Library()


@register.simple_tag
def social_card(page):
    """The page's generated sharing card (or None); see selectors.social_card_for."""
    if page is None:
        return None
    language = (translation.get_language() or "tr")[:2]
    return social_card_for(page, language)
