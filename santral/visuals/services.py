"""Writes of the visuals app: the brand kit and the generated materials (docs/visuals.md)."""

import shutil

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.councils.models import Council
from santral.councils.permissions import can_edit_council_profile, is_platform_admin

from .bundles import (
    SHIPPED_ROOT,
    SLUG,
    bundle_archive_check,
    bundle_get,
    bundle_load,
    bundles_available,
    uploaded_root,
)
from .contrast import MIN_TEXT_CONTRAST, contrast_ratio
from .data import item_data
from .models import BrandKit, GeneratedMaterial, Typeface
from .render import TextDoesNotFit, render_bundle
from .selectors import SOCIAL_CARD

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


def material_template_id(bundle_slug: str, size_name: str) -> str:
    return f"{bundle_slug}/{size_name}"


def material_generate(
    *, council: Council, kind: str, key: str, bundle_slug: str, size_name: str, language: str
) -> GeneratedMaterial:
    """Render one item with one template size in one language and keep the files.

    Idempotent per revision: when the item's data (and the brand kit) has not changed since
    the last rendering, the stored row is returned and nothing is rendered. Raises KeyError
    (no such template or size), LookupError (no such public item in the council),
    ValidationError (template not for this kind or language) or TextDoesNotFit.
    """
    bundle = bundle_get(bundle_slug)
    size = bundle.size(size_name)
    if bundle.kind != kind:
        raise ValidationError(_("Bu şablon bu içerik türü için değil."))
    if language not in bundle.languages:
        raise ValidationError(_("Bu şablon bu dilde kullanılamaz."))
    data = item_data(council=council, kind=kind, key=key, language=language)
    template_id = material_template_id(bundle.slug, size.name)
    lookup = {
        "council": council,
        "item_kind": kind,
        "item_key": str(key),
        "template": template_id,
        "language": language,
        "revision": data.revision,
    }
    existing = GeneratedMaterial.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    rendered = render_bundle(bundle=bundle, size=size, context=data.context, language=language)
    stem = f"{bundle.slug}-{size.name}-{language}-{data.revision[:12]}"
    material = GeneratedMaterial(
        **lookup, width=rendered.width, height=rendered.height, alt_text=data.alt_text
    )
    material.pdf.save(f"{stem}.pdf", ContentFile(rendered.pdf), save=False)
    material.png.save(f"{stem}.png", ContentFile(rendered.png), save=False)
    try:
        with transaction.atomic():
            material.save()
    except IntegrityError:
        # Another worker stored the same revision first; keep theirs.
        material.pdf.delete(save=False)
        material.png.delete(save=False)
        return GeneratedMaterial.objects.get(**lookup)
    return material


def materials_generate_for_item(
    *, council: Council, kind: str, key: str, sharing_only: bool = False
) -> list[str]:
    """Every template, size and language for one item (with `sharing_only`, just the card
    pages share: selectors.SOCIAL_CARD); returns the problems met (a text that does not fit
    one template does not stop the others)."""
    problems: list[str] = []
    for bundle in bundles_available().values():
        if bundle.kind != kind:
            continue
        for size in bundle.sizes:
            if sharing_only and material_template_id(bundle.slug, size.name) != SOCIAL_CARD.get(
                kind
            ):
                continue
            for language in bundle.languages:
                try:
                    material_generate(
                        council=council,
                        kind=kind,
                        key=key,
                        bundle_slug=bundle.slug,
                        size_name=size.name,
                        language=language,
                    )
                except TextDoesNotFit as error:
                    problems.append(f"{bundle.slug}/{size.name}/{language}: {error}")
    return problems


def bundle_install(*, actor, slug: str, archive: bytes):
    """Validate an uploaded template bundle and unpack it under the media root.

    Platform admins only (PermissionDenied otherwise). Refused with a ValidationError: a
    slug that is not `a-z0-9-`, that of a shipped bundle, or an archive that
    `bundle_archive_check` refuses. A new upload of the same slug replaces the old files.
    """
    ensure(is_platform_admin(actor))
    if not SLUG.match(slug or ""):
        raise ValidationError({"slug": _("Kısa ad küçük harf, rakam ve tireden oluşmalı.")})
    if (SHIPPED_ROOT / slug).exists():
        raise ValidationError({"slug": _("Bu kısa ad Santral ile gelen bir şablonun.")})
    _manifest, files = bundle_archive_check(archive)
    target = uploaded_root() / slug
    staging = uploaded_root() / f".{slug}.new"
    shutil.rmtree(staging, ignore_errors=True)
    for name, content in files.items():
        path = (staging / name).resolve()
        if not path.is_relative_to(staging.resolve()):  # checked already; never write outside
            raise ValidationError(_("Pakette klasör dışına çıkan yol var."))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    bundle_load(staging)  # the manifest must load from disk as it did from the zip
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    audit_record(actor=actor, action="visuals.bundle.install", target_repr=f"bundle {slug}")
    return bundle_load(target)
