"""Template filters that read the councils' role map (no query: roles are cached per request)."""

from django import template

from santral.councils.permissions import holds_staff_role

register = template.Library()


@register.filter
def may_use_backoffice(user) -> bool:
    """Anyone whose role opens the back office (the header's "Yönetim paneli" link)."""
    return holds_staff_role(user)
