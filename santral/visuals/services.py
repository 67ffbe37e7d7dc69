"""Writes of the visuals app: the brand kit and the generated materials (docs/visuals.md)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.councils.models import Council
from santral.councils.permissions import can_edit_council_profile

from .contrast import MIN_TEXT_CONTRAST, contrast_ratio
from .models import BrandKit, Typeface

PAPER_WHITE = "#FFFFFF"


def brand_kit_contrast_errors(
    *, primary_color: str, on_primary_color: str, accent_color: str
) -> dict[str, str]:
    """The text pairs below WCAG 4.5:1, as form errors in Turkish (empty when all pass)."""
    errors: dict[str, str] = {}
    checks = [
        ("on_primary_color", on_primary_color, primary_color, _("ana renk üzerindeki yazı")),
        ("accent_color", accent_color, PAPER_WHITE, _("beyaz kâğıt üzerindeki vurgu rengi")),
    ]
    for field, text, background, label in checks:
        try:
            ratio = contrast_ratio(text, background)
        except ValueError:
            errors[field] = _("Renk #RRGGBB biçiminde olmalı (örneğin #0B4F6C).")
            continue
        if ratio < MIN_TEXT_CONTRAST:
            errors[field] = _(
                "Renk karşıtlığı yetersiz: %(label)s için oran %(ratio)s:1, en az 4,5:1 "
                "olmalı (WCAG 2.1). Daha koyu ya da daha açık bir renk seçin."
            ) % {"label": label, "ratio": f"{ratio:.2f}".replace(".", ",")}
    return errors


@transaction.atomic
def brand_kit_save(
    *,
    actor,
    council: Council,
    short_name: str,
    primary_color: str,
    on_primary_color: str,
    accent_color: str,
    typeface: str = Typeface.DEJAVU_SANS,
) -> BrandKit:
    """Create or change the council's brand kit. Raises PermissionDenied or ValidationError
    (colour pairs below WCAG 4.5:1, a typeface that is not shipped)."""
    if actor is not None:
        ensure(can_edit_council_profile(actor, council))
    errors = brand_kit_contrast_errors(
        primary_color=primary_color, on_primary_color=on_primary_color, accent_color=accent_color
    )
    if typeface not in Typeface.values:
        errors["typeface"] = _("Bu yazı tipi sunucuda yok; listeden birini seçin.")
    if not short_name.strip():
        errors["short_name"] = _("Kısa ad gerekli.")
    if errors:
        raise ValidationError(errors)
    kit, _created = BrandKit.objects.select_for_update().get_or_create(
        council=council,
        defaults={"short_name": short_name.strip()},
    )
    kit.short_name = short_name.strip()
    kit.primary_color = primary_color.upper()
    kit.on_primary_color = on_primary_color.upper()
    kit.accent_color = accent_color.upper()
    kit.typeface = typeface
    kit.full_clean()
    kit.save()
    audit_record(actor=actor, council_id=council.pk, action="visuals.brand_kit.save", target=kit)
    return kit
