"""Sources the hub harvests, the record of every run, the items that came from them, and the
change log of shared items that other Santral instances follow.

A Source belongs to a council (its items become that council's news and events) or, with
no council, to the hub itself (national and international networks). HarvestedItem
remembers which source entry became which page, so a second run recognises every entry by
its GUID (or, failing that, its URL) and changes nothing when nothing changed.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from santral.content.models import Scope, Topic
from santral.core.fields import NameField


class SourceKind(models.TextChoices):
    WORDPRESS = "wordpress", _("WordPress sitesi")
    FEED = "feed", _("RSS / Atom akışı")
    ICAL = "ical", _("iCalendar takvimi")
    SANTRAL = "santral", _("Başka bir Santral")


class MapsTo(models.TextChoices):
    NEWS = "news", _("Haber")
    EVENT = "event", _("Etkinlik")


class Source(models.Model):
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("konsey"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="harvest_sources",
        help_text=_("Boş bırakılırsa öğeler merkezin (platformun) altına eklenir."),
    )
    kind = models.CharField(_("tür"), max_length=16, choices=SourceKind.choices)
    url = models.URLField(_("adres"), max_length=1000)
    name = NameField(_("ad"), max_length=200)
    scope = models.CharField(_("kapsam"), max_length=16, choices=Scope.choices, default=Scope.LOCAL)
    licence = models.CharField(
        _("lisans"),
        max_length=255,
        blank=True,
        help_text=_("Kaynağın içerik lisansı; her öğenin sayfasında gösterilir."),
    )
    default_topics = models.ManyToManyField(
        Topic, verbose_name=_("varsayılan konular"), blank=True, related_name="+"
    )
    topic_rules = models.JSONField(
        _("konu kuralları"),
        default=dict,
        blank=True,
        help_text=_(
            "Anahtar sözcük → konunun kısa adı; başlıkta, özette ya da kategoride geçerse."
        ),
    )
    maps_to = models.CharField(
        _("öğeler"),
        max_length=8,
        choices=MapsTo.choices,
        default=MapsTo.NEWS,
        help_text=_("RSS/Atom öğeleri haber mi, etkinlik mi olsun (iCalendar hep etkinliktir)."),
    )
    is_active = models.BooleanField(_("etkin"), default=True)
    # Conditional GET and incremental state (written by the harvester only).
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    cursor = models.CharField(max_length=500, blank=True, editable=False)
    modified_after = models.DateTimeField(null=True, blank=True, editable=False)
    next_due_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    # Claimed by a worker until this time (many workers never harvest one source at once).
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.CharField(max_length=16, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kaynak")
        verbose_name_plural = _("kaynaklar")
        constraints = [
            models.UniqueConstraint(fields=["council", "url"], name="federation_source_unique_url")
        ]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Sürüyor")
    OK = "ok", _("Tamam")
    NOT_MODIFIED = "not_modified", _("Değişiklik yok")
    PARTIAL = "partial", _("Kısmen (hatalı öğeler var)")
    FAILED = "failed", _("Başarısız")


class HarvestRun(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("durum"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    fetched = models.PositiveIntegerField(_("alınan"), default=0)
    created = models.PositiveIntegerField(_("yeni"), default=0)
    updated = models.PositiveIntegerField(_("güncellenen"), default=0)
    withdrawn = models.PositiveIntegerField(_("geri çekilen"), default=0)
    errors = models.PositiveIntegerField(_("hata"), default=0)
    last_error = models.TextField(_("son hata"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("çalıştırma")
        verbose_name_plural = _("çalıştırmalar")

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}"


class HarvestedItem(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_withdrawn = models.BooleanField(default=False)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alınan öğe")
        verbose_name_plural = _("alınan öğeler")
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="federation_item_unique_guid")
        ]
        indexes = [models.Index(fields=["source", "url"], name="federation_item_url")]

    def __str__(self) -> str:
        return self.guid


class ShareChange(models.Model):
    """One change to an item other instances may follow: published, changed or withdrawn.

    Written by signals when a page is published, unpublished or deleted (never by a GET);
    the federation API reads it in id order behind an opaque cursor. `page_id` is a plain
    number so the row outlives a deleted page (its tombstone).
    """

    page_id = models.PositiveIntegerField(db_index=True)
    kind = models.CharField(max_length=8)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.page_id}"
