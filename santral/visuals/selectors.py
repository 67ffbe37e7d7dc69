"""Reads of the visuals app (docs/visuals.md)."""

from .models import GeneratedMaterial, ItemKind

# The card a page shares: Open Graph and Twitter want 1200 × 630.
SOCIAL_CARD = {ItemKind.EVENT: "event-card/wide", ItemKind.NEWS: "news-card/wide"}
PAGE_KINDS = {"eventpage": ItemKind.EVENT, "newspage": ItemKind.NEWS}


def social_card_for(page, language: str) -> GeneratedMaterial | None:
    """The newest generated wide card of an event or news page, in `language` or else in
    the page's own language; None for other pages or before the task has made one.
    At most one query; never renders or writes."""
    kind = PAGE_KINDS.get(page.specific_class._meta.model_name) if page.specific_class else None
    if kind is None or page.pk is None:
        return None
    languages = [language, getattr(page, "language", "tr") or "tr"]
    candidates = list(
        GeneratedMaterial.objects.filter(
            item_kind=kind,
            item_key=str(page.pk),
            template=SOCIAL_CARD[kind],
            language__in=languages,
        )
        .exclude(png="")
        .order_by("-created_at", "-pk")[:10]
    )
    for wanted in languages:
        for material in candidates:
            if material.language == wanted:
                return material
    return None
