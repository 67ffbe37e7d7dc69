"""Audiences with their population baselines, aggregate participation records,
communication plans and newsletters.

KVKK md. 6: health, disability, ethnicity and religion are special-category
data. Santral stores them only as aggregate counts per activity (AudienceCount);
no model here keeps such a trait for a person. `tests/test_no_sensitive_fields.py`
inspects every model of every app and fails if one does.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from santral.core.fields import NameField
from santral.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, validate_money_bound
from santral.core.text import clean_name, has_header_break
from santral.councils.models import Body, Council, District


def new_token() -> str:
    return secrets.token_urlsafe(32)


# ---------------------------------------------------------------- audiences


class AudienceKind(models.TextChoices):
    WOMEN = "women", _("Kadınlar")
    YOUTH = "youth", _("Gençler (15–29 yaş)")
    ELDERLY = "elderly", _("65 yaş ve üstü")
    DISABLED = "disabled", _("Engelli bireyler")
    LOW_INCOME = "low_income", _("Düşük gelirli haneler")
    MIGRANTS = "migrants", _("Göçmenler ve mülteciler")
    RURAL = "rural", _("Kırsal mahalleler")
    CHILDREN = "children", _("Çocuklar")
    CUSTOM = "custom", _("Diğer")


class AreaPopulation(models.Model):
    """The population of the council's area, as the council entered it with its source."""

    council = models.OneToOneField(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="population"
    )
    total = models.PositiveBigIntegerField(_("toplam nüfus"))
    source = models.CharField(_("kaynak"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("yıl"), validators=[MinValueValidator(1927), MaxValueValidator(2100)]
    )
    note = models.TextField(_("not"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bölge nüfusu")
        verbose_name_plural = _("bölge nüfusları")

    def __str__(self) -> str:
        return f"{self.council.name}: {self.total} ({self.source} {self.year})"


class Audience(models.Model):
    """A target group of a council with its population baseline.

    The baseline is either a share in percent (`baseline_share`) or a head count
    (`baseline_count`) over a reference population (`baseline_population`, by default
    the council's AreaPopulation). Without a source and a year there is no baseline:
    pages say "henüz kaynak yok" and no ratio is computed.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="audiences"
    )
    kind = models.CharField(_("tür"), max_length=16, choices=AudienceKind.choices)
    slug = models.SlugField(_("kısa ad"), max_length=60)
    name = NameField(_("ad"), max_length=120)
    description = models.TextField(_("açıklama"), blank=True)
    baseline_share = models.DecimalField(
        _("nüfustaki payı (%)"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    baseline_count = models.PositiveBigIntegerField(_("kişi sayısı"), null=True, blank=True)
    baseline_population = models.PositiveBigIntegerField(
        _("dayanak nüfus"),
        null=True,
        blank=True,
        help_text=_("Boş bırakılırsa konseyin bölge nüfusu kullanılır."),
    )
    baseline_source = models.CharField(_("kaynak"), max_length=200, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("kaynak yılı"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1927), MaxValueValidator(2100)],
    )
    baseline_note = models.TextField(_("kaynak notu"), blank=True)
    sort_order = models.PositiveIntegerField(_("sıra"), default=0)
    is_active = models.BooleanField(_("etkin"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council_id", "sort_order", "name"]
        verbose_name = _("hedef kitle")
        verbose_name_plural = _("hedef kitleler")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="audience_slug_unique_per_council"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        has_figure = self.baseline_share is not None or self.baseline_count is not None
        if self.baseline_share is not None and self.baseline_count is not None:
            errors["baseline_count"] = _(
                "Nüfustaki payı ya da kişi sayısını girin; ikisini birden değil."
            )
        if has_figure and not (self.baseline_source or "").strip():
            errors["baseline_source"] = _("Bir nüfus değeri girdiyseniz kaynağını da yazın.")
        if has_figure and self.baseline_year is None:
            errors["baseline_year"] = _("Bir nüfus değeri girdiyseniz kaynağın yılını da yazın.")
        if self.baseline_population is not None and self.baseline_count is None:
            errors["baseline_population"] = _(
                "Dayanak nüfus yalnızca kişi sayısı girildiğinde kullanılır."
            )
        if (
            self.baseline_count is not None
            and self.baseline_population is not None
            and self.baseline_count > self.baseline_population
        ):
            errors["baseline_count"] = _("Kişi sayısı dayanak nüfustan büyük olamaz.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_baseline(self) -> bool:
        return bool(
            (self.baseline_share is not None or self.baseline_count is not None)
            and (self.baseline_source or "").strip()
            and self.baseline_year
        )


# ------------------------------------------------------ participation records


class RecordSource(models.TextChoices):
    AFTER_EVENT = "after_event", _("Etkinlikten sonra girildi")
    SIGN_IN_SHEET = "sign_in_sheet", _("Yerinde imza/katılım çizelgesinden")


class ParticipationRecord(models.Model):
    """Aggregate head counts of one activity: total, per audience and per area.

    A record of a Santral event points at it (`event`); the activity's own title and
    date (`activity_title`, `held_on`) are kept too, so records of activities that were
    never events stay valid and a deleted event leaves its figures (SET_NULL).
    No person is stored here, only counts.
    """

    council = models.ForeignKey(
        Council,
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="participation_records",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("kurul"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_records",
    )
    activity_title = models.CharField(_("etkinlik adı"), max_length=200)
    held_on = models.DateField(_("tarih"))
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("etkinlik"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_records",
        help_text=_("Santral'daki etkinlik; etkinlik dışı çalışmalarda boş kalır."),
    )
    source = models.CharField(
        _("kaynak"), max_length=16, choices=RecordSource.choices, default=RecordSource.AFTER_EVENT
    )
    total_participants = models.PositiveIntegerField(_("toplam katılımcı"))
    notes = models.TextField(_("notlar"), blank=True)
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giren"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("katılım kaydı")
        verbose_name_plural = _("katılım kayıtları")
        indexes = [models.Index(fields=["council", "held_on"], name="participation_council_day")]

    def __str__(self) -> str:
        return f"{self.activity_title} ({self.held_on:%d.%m.%Y})"


class AudienceCount(models.Model):
    """How many of an activity's participants belonged to one audience.

    One person may belong to several audiences, so counts need not add up to the
    total; an audience with no row was not counted at that activity (unknown, not zero).
    """

    record = models.ForeignKey(
        ParticipationRecord, on_delete=models.CASCADE, related_name="audience_counts"
    )
    audience = models.ForeignKey(
        Audience, verbose_name=_("hedef kitle"), on_delete=models.PROTECT, related_name="counts"
    )
    count = models.PositiveIntegerField(_("katılımcı sayısı"))

    class Meta:
        ordering = ["record_id", "audience__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "audience"], name="audience_count_once_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.audience}: {self.count}"


class AreaCount(models.Model):
    """Participants who came from one district (and optionally one neighbourhood)."""

    record = models.ForeignKey(
        ParticipationRecord, on_delete=models.CASCADE, related_name="area_counts"
    )
    district = models.ForeignKey(
        District, verbose_name=_("ilçe"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.CharField(_("mahalle"), max_length=120, blank=True)
    count = models.PositiveIntegerField(_("katılımcı sayısı"))

    class Meta:
        ordering = ["record_id", "district__sort_key", "neighbourhood"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "district", "neighbourhood"], name="area_count_once_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district.name} {self.neighbourhood}: {self.count}".strip()


# ---------------------------------------------------------- communication plans


class Channel(models.TextChoices):
    WEB = "web", _("Web sitesi")
    EMAIL = "email", _("E-posta")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp grubu")
    RADIO = "radio", _("Yerel radyo")
    POSTER = "poster", _("Afiş ve broşür")
    MUHTAR = "muhtar", _("Muhtarlar")
    NGO = "ngo", _("Ortak sivil toplum kuruluşu")
    SOCIAL = "social", _("Sosyal medya")


class CommunicationPlan(models.Model):
    """A council's communication plan for one period."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="communication_plans",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("kurul"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communication_plans",
    )
    title = NameField(_("başlık"), max_length=200)
    starts_on = models.DateField(_("dönem başı"))
    ends_on = models.DateField(_("dönem sonu"))
    objectives = models.TextField(_("amaçlar"))
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("hedef kitleler"), blank=True, related_name="plans"
    )
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council_id", "-starts_on", "title"]
        verbose_name = _("iletişim planı")
        verbose_name_plural = _("iletişim planları")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Dönem sonu, dönem başından önce olamaz.")})


class PlanMessage(models.Model):
    """A key message of a plan, for one audience, on one channel."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="messages")
    audience = models.ForeignKey(
        Audience, verbose_name=_("hedef kitle"), on_delete=models.PROTECT, null=True, blank=True
    )
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    text = models.TextField(_("mesaj"))

    class Meta:
        ordering = ["plan_id", "id"]
        verbose_name = _("plan mesajı")
        verbose_name_plural = _("plan mesajları")

    def __str__(self) -> str:
        return self.text[:60]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlandı")
    IN_PROGRESS = "in_progress", _("Sürüyor")
    DONE = "done", _("Tamamlandı")
    CANCELLED = "cancelled", _("İptal edildi")


class FundingKind(models.TextChoices):
    NONE = "", _("Bağlanmadı")
    BUDGET_LINE = "budget_line", _("Bütçe kalemi")
    IN_KIND_PLEDGE = "in_kind_pledge", _("Ayni katkı taahhüdü")


class PlanAction(models.Model):
    """One thing to do in a plan: who, by when, its state and cost.

    The cost's funding is a bare reference (`funding_kind` + `funding_id`) until the
    budget and partners apps are on main; they turn it into a real link (docs/outreach.md).
    """

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="actions")
    title = NameField(_("eylem"), max_length=200)
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    audience = models.ForeignKey(
        Audience, verbose_name=_("hedef kitle"), on_delete=models.PROTECT, null=True, blank=True
    )
    owner = models.CharField(_("sorumlu"), max_length=150)
    due_on = models.DateField(_("tarih"))
    status = models.CharField(
        _("durum"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    cost = models.DecimalField(
        _("maliyet (TL)"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0")), validate_money_bound],
    )
    funding_kind = models.CharField(
        _("finansman türü"), max_length=16, choices=FundingKind.choices, blank=True, default=""
    )
    funding_id = models.PositiveBigIntegerField(_("finansman kaydı"), null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "due_on", "id"]
        verbose_name = _("plan eylemi")
        verbose_name_plural = _("plan eylemleri")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="plan_action_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(funding_kind="", funding_id__isnull=True)
                | (~Q(funding_kind="") & Q(funding_id__isnull=False)),
                name="plan_action_funding_kind_and_id_together",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if bool(self.funding_kind) != (self.funding_id is not None):
            raise ValidationError(
                {"funding_id": _("Finansman türü ve kaydı birlikte girilmeli ya da boş kalmalı.")}
            )


class KpiKind(models.TextChoices):
    TOTAL_PARTICIPANTS = "total_participants", _("Toplam katılımcı")
    AUDIENCE_PARTICIPANTS = "audience_participants", _("Hedef kitleden katılımcı")
    REPRESENTATION_RATIO = "representation_ratio", _("Temsil oranı")


class PlanKpi(models.Model):
    """A target read from the participation records of the plan's council and period."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="kpis")
    kind = models.CharField(_("gösterge"), max_length=24, choices=KpiKind.choices)
    audience = models.ForeignKey(
        Audience, verbose_name=_("hedef kitle"), on_delete=models.PROTECT, null=True, blank=True
    )
    target = models.DecimalField(
        _("hedef"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["plan_id", "id"]
        verbose_name = _("performans göstergesi")
        verbose_name_plural = _("performans göstergeleri")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ≥ {self.target}"

    def clean(self) -> None:
        needs_audience = self.kind != KpiKind.TOTAL_PARTICIPANTS
        if needs_audience and self.audience_id is None:
            raise ValidationError({"audience": _("Bu gösterge için bir hedef kitle seçin.")})
        if not needs_audience and self.audience_id is not None:
            raise ValidationError({"audience": _("Toplam katılımcı göstergesi kitle almaz.")})


# ------------------------------------------------------------------ newsletters


class NewsletterTopic(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="topics"
    )
    slug = models.SlugField(_("kısa ad"), max_length=60)
    name = NameField(_("ad"), max_length=120)
    description = models.CharField(_("açıklama"), max_length=300, blank=True)
    is_active = models.BooleanField(_("etkin"), default=True)

    class Meta:
        ordering = ["council_id", "name"]
        verbose_name = _("bülten konusu")
        verbose_name_plural = _("bülten konuları")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="topic_slug_unique_per_council"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Onay bekliyor")
    CONFIRMED = "confirmed", _("Onaylandı")
    UNSUBSCRIBED = "unsubscribed", _("Ayrıldı")


class Subscriber(models.Model):
    """An e-mail address subscribed to some topics of one council (double opt-in).

    The KVKK consent is kept as the version of the text shown and the moment it was
    given. Tokens are random; the confirmation token is single-use.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="subscribers"
    )
    email = models.EmailField(_("e-posta"))
    email_key = models.CharField(max_length=254, editable=False)
    phone = models.CharField(_("cep telefonu"), max_length=20, blank=True)
    wants_sms = models.BooleanField(_("SMS/WhatsApp ile de bilgi almak istiyor"), default=False)
    topics = models.ManyToManyField(
        NewsletterTopic, verbose_name=_("konular"), related_name="subscribers"
    )
    # What a request asked for and its mailbox has not confirmed yet (double opt-in):
    # topic ids here; phone, SMS wish and the consent (text version, time) in
    # pending_details. Nothing of it takes effect before the link is followed.
    pending_topic_ids = models.JSONField(default=list, blank=True)
    pending_details = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("durum"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    consent_text_version = models.CharField(_("aydınlatma/onay metni sürümü"), max_length=32)
    consent_at = models.DateTimeField(_("onay zamanı"))
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(_("e-posta onayı"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("ayrılma zamanı"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "email_key"]
        verbose_name = _("abone")
        verbose_name_plural = _("aboneler")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "email_key"], name="subscriber_once_per_council"
            )
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        # E-mail addresses are ASCII in practice and compared case-insensitively;
        # casefold is the right fold here (this is not Turkish prose).
        self.email_key = (self.email or "").strip().casefold()
        super().save(*args, **kwargs)


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Taslak")
    SENDING = "sending", _("Gönderiliyor")
    SENT = "sent", _("Gönderildi")


HEADER_BREAK_MESSAGE = _(
    "Bu alan tek satır olmalı: satır sonu ya da benzeri denetim karakteri içeremez."
)


class Newsletter(models.Model):
    """One issue of a council's newsletter on one topic."""

    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="newsletters"
    )
    topic = models.ForeignKey(
        NewsletterTopic, verbose_name=_("konu"), on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(_("konu satırı"), max_length=200)
    body = models.TextField(_("metin"))
    status = models.CharField(
        _("durum"),
        max_length=16,
        choices=NewsletterStatus.choices,
        default=NewsletterStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(_("kuyruğa alındı"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gönderim bitti"), null=True, blank=True)

    class Meta:
        ordering = ["council_id", "-created_at"]
        verbose_name = _("bülten")
        verbose_name_plural = _("bültenler")

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.topic_id and self.council_id and self.topic.council_id != self.council_id:
            errors["topic"] = _("Bu konu başka bir konseye ait.")
        # The subject becomes a mail header: a line break would end it (and the send fails).
        if has_header_break(self.subject):
            errors["subject"] = HEADER_BREAK_MESSAGE
        else:
            self.subject = clean_name(self.subject)
        if errors:
            raise ValidationError(errors)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Sırada")
    RETRYING = "retrying", _("Yeniden denenecek")
    SENT = "sent", _("Gönderildi")
    FAILED = "failed", _("Gönderilemedi")
    SKIPPED = "skipped", _("Atlandı (abonelik bitti)")


class Delivery(models.Model):
    """The delivery log: one row per newsletter and subscriber, with every attempt counted."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("durum"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("deneme"), default=0)
    next_attempt_at = models.DateTimeField(_("sonraki deneme"), null=True, blank=True)
    last_error = models.CharField(_("son hata"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("gönderildi"), null=True, blank=True)

    class Meta:
        ordering = ["newsletter_id", "id"]
        verbose_name = _("gönderim kaydı")
        verbose_name_plural = _("gönderim kayıtları")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="delivery_once_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="delivery_queue_idx")]

    def __str__(self) -> str:
        return f"{self.newsletter_id} → {self.subscriber_id}: {self.status}"


class GatewayMessage(models.Model):
    """A message exported for the council's own SMS or WhatsApp gateway (Santral never sends)."""

    class GatewayChannel(models.TextChoices):
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("kanal"), max_length=16, choices=GatewayChannel.choices)
    topic = models.ForeignKey(
        NewsletterTopic, verbose_name=_("konu"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("mesaj"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "-created_at"]
        verbose_name = _("SMS/WhatsApp mesajı")
        verbose_name_plural = _("SMS/WhatsApp mesajları")

    def __str__(self) -> str:
        return self.text[:60]
