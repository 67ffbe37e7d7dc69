from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import SearchFilters

MAX_FILTER_VALUES = 10


class SearchForm(forms.Form):
    """The query and facet filters of /arama/ and /api/v1/search/ (invalid values are dropped)."""

    q = forms.CharField(
        label=_("Aranacak sözcükler"), required=False, max_length=10_000, strip=True
    )


def filters_from(params) -> SearchFilters:
    """Facet filters from query parameters; anything malformed is ignored, never an error."""

    def values(name: str, max_length: int = 100) -> list[str]:
        found = [value.strip() for value in params.getlist(name) if value and value.strip()]
        return [value[:max_length] for value in found][:MAX_FILTER_VALUES]

    years = [int(value) for value in values("year", 4) if value.isdigit()]
    return SearchFilters(
        types=values("type", 32),
        councils=values("council", 80),
        provinces=values("province", 2),
        scopes=values("scope", 16),
        topics=values("topic"),
        years=years,
    )


def page_from(params) -> int | None:
    """The page number, or None when it is not a positive whole number."""
    raw = (params.get("page") or params.get("sayfa") or "1").strip()
    if not raw.isdigit() or not raw.isascii():
        return None
    return max(1, min(int(raw), 10_000))
