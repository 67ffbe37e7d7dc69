"""A council's brand kit and the visual materials made from the hub's own data (docs/visuals.md).

Colours are `#rrggbb`; the text pairs a template may set (on-primary text on the primary
colour, accent text on white paper) meet WCAG 2.1 contrast 4.5:1, which the service checks.
A GeneratedMaterial is one rendering of one item (event, news, budget year, participation
period) with one template in one language, kept per revision of the item's data; it is made
by the task queue only, never by a page view.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Renk #RRGGBB biçiminde olmalı (örneğin #0B4F6C).")
)


class Typeface(models.TextChoices):
    """Fonts shipped by Debian (fonts-dejavu-core) that cover Turkish and Arabic glyphs."""

    DEJAVU_SANS = "DejaVu Sans", "DejaVu Sans"
    DEJAVU_SANS_CONDENSED = "DejaVu Sans Condensed", "DejaVu Sans Condensed"


class BrandKit(models.Model):
    council = models.OneToOneField(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="brand_kit",
    )
    short_name = models.CharField(_("kısa ad"), max_length=40)
    primary_color = models.CharField(
        _("ana renk"), max_length=7, default="#0B4F6C", validators=[colour_validator]
    )
    on_primary_color = models.CharField(
        _("ana renk üzerindeki yazı rengi"),
        max_length=7,
        default="#FFFFFF",
        validators=[colour_validator],
    )
    accent_color = models.CharField(
        _("vurgu rengi"),
        max_length=7,
        default="#9E2A2B",
        validators=[colour_validator],
        help_text=_("Beyaz kâğıt üzerinde rakamlar ve vurgular için kullanılır."),
    )
    typeface = models.CharField(
        _("yazı tipi"), max_length=40, choices=Typeface.choices, default=Typeface.DEJAVU_SANS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("marka kiti")
        verbose_name_plural = _("marka kitleri")

    def __str__(self) -> str:
        return self.short_name


class ItemKind(models.TextChoices):
    EVENT = "event", _("Etkinlik")
    NEWS = "news", _("Haber")
    BUDGET = "budget", _("Bütçe yılı")
    REPRESENTATION = "representation", _("Katılım dönemi")


def material_upload_to(instance: "GeneratedMaterial", filename: str) -> str:
    return f"visuals/{instance.council_id}/{instance.item_kind}/{instance.item_key}/{filename}"


class GeneratedMaterial(models.Model):
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="visual_materials",
    )
    item_kind = models.CharField(_("içerik türü"), max_length=16, choices=ItemKind.choices)
    # A page id for events and news, the fiscal year for a budget, "YYYY" for a period.
    item_key = models.CharField(_("içerik"), max_length=40)
    template = models.CharField(_("şablon"), max_length=60)
    language = models.CharField(_("dil"), max_length=2)
    revision = models.CharField(_("sürüm"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=material_upload_to, max_length=300)
    png = models.FileField(_("PNG"), upload_to=material_upload_to, max_length=300, blank=True)
    width = models.PositiveIntegerField(_("genişlik (px)"), default=0)
    height = models.PositiveIntegerField(_("yükseklik (px)"), default=0)
    alt_text = models.TextField(_("alternatif metin"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("görsel materyal")
        verbose_name_plural = _("görsel materyaller")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "item_kind", "item_key", "template", "language", "revision"],
                name="visuals_material_one_per_revision",
            )
        ]
        indexes = [
            models.Index(
                fields=["item_kind", "item_key", "template", "language"],
                name="visuals_material_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} {self.item_kind}:{self.item_key} ({self.language})"
