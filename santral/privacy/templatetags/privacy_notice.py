"""The current notice version of a council, for templates of lower layers (the council's
notice page lives in councils, which cannot import privacy)."""

from django import template

from ..selectors import notice_current

register = template.Library()


@register.simple_tag
def current_notice(council=None):
    return notice_current(council)
