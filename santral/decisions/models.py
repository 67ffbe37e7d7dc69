"""Meetings of a council's bodies, their decisions, and the md. 76 journey of recommendations.

A Body (councils app) meets; each Meeting has agenda items, attendance of the body's
members and, per agenda item, one Decision (votes or "noted"). A decision that asks
something of the municipality is a Recommendation, which travels to the municipal
assembly (5393 md. 76) as an append-only list of JourneyEntry rows; the
recommendation's state fields are a cache of that list, written only by services.
See docs/decisions.md.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from santral.core.fields import NameField


class BodyRule(models.Model):
    """A body's quorum rule; a body without a row uses the defaults of the Regulation.

    Opening: present members * 100 must be more than (or, not strict, at least)
    `opening_percent` of the members. Decision: votes for * 100 must be more than (or at
    least) `decision_percent` of those present. Integer arithmetic, no rounding.
    """

    body = models.OneToOneField(
        "councils.Body", verbose_name=_("kurul"), on_delete=models.CASCADE, related_name="rule"
    )
    opening_percent = models.PositiveSmallIntegerField(
        _("açılış yeter sayısı (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    opening_strict = models.BooleanField(
        _("açılış için bu oranın üstü gerekir"),
        default=True,
        help_text=_("İşaretliyse “yarıdan fazla”, değilse “en az yarısı” gibi sayılır."),
    )
    decision_percent = models.PositiveSmallIntegerField(
        _("karar yeter sayısı (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    decision_strict = models.BooleanField(_("karar için bu oranın üstü gerekir"), default=True)

    class Meta:
        verbose_name = _("toplantı ve karar yeter sayısı")
        verbose_name_plural = _("toplantı ve karar yeter sayıları")

    def __str__(self) -> str:
        return str(self.body)


class CouncilDecisionSettings(models.Model):
    """When the municipal assembly meets: the `week`-th week of each month, on `weekday`.

    5393 md. 20: the assembly meets in the first week of each month on a day it sets
    itself; a council records its assembly's day here (default: first Monday).
    """

    council = models.OneToOneField(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="decision_settings",
    )
    assembly_week = models.PositiveSmallIntegerField(
        _("meclisin toplandığı hafta"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    assembly_weekday = models.PositiveSmallIntegerField(
        _("meclisin toplandığı gün"),
        default=0,
        choices=[
            (0, _("Pazartesi")),
            (1, _("Salı")),
            (2, _("Çarşamba")),
            (3, _("Perşembe")),
            (4, _("Cuma")),
            (5, _("Cumartesi")),
            (6, _("Pazar")),
        ],
    )
    assembly_addressee = models.CharField(
        _("meclise yazının muhatabı"),
        max_length=200,
        blank=True,
        help_text=_("Boşsa “<ilçe/il> Belediye Başkanlığı” kullanılır."),
    )

    class Meta:
        verbose_name = _("karar ayarları")
        verbose_name_plural = _("karar ayarları")

    def __str__(self) -> str:
        return str(self.council)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlandı")
    HELD = "held", _("Yapıldı")
    CANCELLED = "cancelled", _("İptal edildi")


class Meeting(models.Model):
    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(
        "councils.Body", verbose_name=_("kurul"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = NameField(_("başlık"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("başlangıç"), db_index=True)
    ends_at = models.DateTimeField(_("bitiş"), null=True, blank=True)
    place = models.CharField(_("yer"), max_length=200, blank=True)
    online_url = models.URLField(_("çevrim içi bağlantı"), blank=True)
    status = models.CharField(
        _("durum"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("herkese açık"),
        default=True,
        help_text=_("Kapalı oturumların kararları kamuya açık sayfada gösterilmez."),
    )
    guest_count = models.PositiveIntegerField(_("konuk sayısı"), default=0)
    # Counts taken when attendance was recorded: the quorum of that day stays as it was
    # even if the body's membership changes later.
    member_count = models.PositiveIntegerField(_("üye sayısı"), default=0, editable=False)
    present_count = models.PositiveIntegerField(_("katılan üye"), default=0, editable=False)
    has_quorum = models.BooleanField(_("toplantı yeter sayısı sağlandı"), default=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The minutes (tutanak) as a document; shown publicly only once approved.
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tutanak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_approved_on = models.DateField(_("tutanağın onay tarihi"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("toplantı")
        verbose_name_plural = _("toplantılar")
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="", online_url=""), name="meeting_has_place_or_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.name} – {self.starts_at:%d.%m.%Y}"

    @property
    def display_title(self) -> str:
        return self.title or self.body.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("sıra"))
    title = NameField(_("gündem maddesi"), max_length=300)
    description = models.TextField(_("açıklama"), blank=True)

    class Meta:
        ordering = ["meeting_id", "number"]
        verbose_name = _("gündem maddesi")
        verbose_name_plural = _("gündem maddeleri")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Katıldı")
    EXCUSED = "excused", _("Mazeretli")
    ABSENT = "absent", _("Katılmadı")


class Attendance(models.Model):
    """One member of the meeting's body at one meeting. Personal: never on public pages."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        "councils.BodyMember", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(_("katılım"), max_length=16, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("katılım")
        verbose_name_plural = _("katılım")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_status_display()}"


class DecisionKind(models.TextChoices):
    VOTED = "voted", _("Oylandı")
    NOTED = "noted", _("Bilgi edinildi")


class Decision(models.Model):
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="decision"
    )
    kind = models.CharField(_("karar türü"), max_length=8, choices=DecisionKind.choices)
    text = models.TextField(_("karar metni"))
    votes_for = models.PositiveIntegerField(_("kabul"), default=0)
    votes_against = models.PositiveIntegerField(_("ret"), default=0)
    abstentions = models.PositiveIntegerField(_("çekimser"), default=0)
    is_adopted = models.BooleanField(_("kabul edildi"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("karar")
        verbose_name_plural = _("kararlar")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="voted")
                | Q(votes_for=0, votes_against=0, abstentions=0, is_adopted=False),
                name="decision_noted_has_no_votes",
            )
        ]

    def __str__(self) -> str:
        return str(self.agenda_item)


class VoteChoice(models.TextChoices):
    FOR = "for", _("Kabul")
    AGAINST = "against", _("Ret")
    ABSTAIN = "abstain", _("Çekimser")


class Vote(models.Model):
    """A named vote, when the body records them (otherwise only the counts exist)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("councils.BodyMember", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="vote_unique")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.choice}"


class JourneyState(models.TextChoices):
    ADOPTED = "adopted", _("Kurulca kabul edildi")
    REFERRED = "referred", _("Belediye meclisine gönderildi")
    ON_AGENDA = "on_agenda", _("Meclis gündeminde")
    DECIDED = "decided", _("Meclis karar verdi")
    IMPLEMENTING = "implementing", _("Uygulanıyor")
    CLOSED = "closed", _("Kapandı")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Kabul edildi")
    COMMISSION = "commission", _("Komisyona havale edildi")
    REJECTED = "rejected", _("Reddedildi")
    NOTED = "noted", _("Bilgi edinildi")


class ImplementationStatus(models.TextChoices):
    STARTED = "started", _("Başladı")
    IN_PROGRESS = "in_progress", _("Sürüyor")
    DONE = "done", _("Tamamlandı")
    STALLED = "stalled", _("Durdu")


class Recommendation(models.Model):
    """A decision that asks something of the municipality (tavsiye kararı)."""

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(
        "councils.Body",
        verbose_name=_("kurul"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("toplantı"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="recommendation"
    )
    title = NameField(_("başlık"), max_length=300)
    text = models.TextField(_("öneri metni"))
    topic = models.ForeignKey(
        "content.Topic",
        verbose_name=_("konu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addressed_unit = NameField(_("ilgili belediye birimi"), max_length=200)
    decided_on = models.DateField(_("karar tarihi"), db_index=True)
    co_signing_bodies = models.ManyToManyField(
        "councils.Body", verbose_name=_("ortak imzacı kurullar"), blank=True, related_name="+"
    )
    # The journey so far, cached from the entries by the services (never edited directly).
    state = models.CharField(
        _("durum"), max_length=16, choices=JourneyState.choices, default=JourneyState.ADOPTED
    )
    letter_reference = models.CharField(_("yazı sayısı"), max_length=64, blank=True)
    referred_on = models.DateField(_("gönderildiği tarih"), null=True, blank=True)
    due_on = models.DateField(_("ilk meclis toplantısı"), null=True, blank=True)
    agenda_on = models.DateField(_("meclis gündem tarihi"), null=True, blank=True)
    agenda_number = models.CharField(_("gündem sırası"), max_length=32, blank=True)
    outcome = models.CharField(
        _("meclis kararı"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_on = models.DateField(_("meclis karar tarihi"), null=True, blank=True)
    assembly_decision_number = models.CharField(_("meclis karar sayısı"), max_length=64, blank=True)
    implementation_status = models.CharField(
        _("uygulama durumu"), max_length=16, choices=ImplementationStatus.choices, blank=True
    )
    implemented_on = models.DateField(_("uygulandığı tarih"), null=True, blank=True)
    closed_on = models.DateField(_("kapandığı tarih"), null=True, blank=True)
    # The day the secretariat was reminded that the assembly's first meeting passed without
    # an agenda entry: one reminder per recommendation (see tasks.py).
    overdue_reminded_on = models.DateField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("tavsiye kararı")
        verbose_name_plural = _("tavsiye kararları")

    def __str__(self) -> str:
        return self.title


class EntryKind(models.TextChoices):
    REFERRED = "referred", _("Meclise gönderildi")
    ON_AGENDA = "on_agenda", _("Meclis gündemine alındı")
    OUTCOME = "outcome", _("Meclis kararı")
    IMPLEMENTATION = "implementation", _("Uygulama bilgisi")
    CLOSED = "closed", _("Kapatıldı")


class JourneyEntry(models.Model):
    """One step of a recommendation's journey. Append-only: a wrong entry is corrected by a
    newer entry of the same kind that names it in `corrects` and gives a `reason`."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("adım"), max_length=16, choices=EntryKind.choices)
    on = models.DateField(_("tarih"))
    letter_reference = models.CharField(_("yazı sayısı"), max_length=64, blank=True)
    agenda_number = models.CharField(_("gündem sırası"), max_length=32, blank=True)
    outcome = models.CharField(
        _("meclis kararı"), max_length=16, choices=Outcome.choices, blank=True
    )
    assembly_decision_number = models.CharField(_("meclis karar sayısı"), max_length=64, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("belge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    implementation_status = models.CharField(
        _("uygulama durumu"), max_length=16, choices=ImplementationStatus.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("ilerleme (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("açıklama"), blank=True)
    evidence_url = models.URLField(_("kanıt bağlantısı"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("düzelttiği kayıt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("düzeltme gerekçesi"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation_id", "recorded_at", "id"]
        verbose_name = _("süreç kaydı")
        verbose_name_plural = _("süreç kayıtları")
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="journey_correction_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.on:%d.%m.%Y}"


class ReferralLetterCounter(models.Model):
    """The referral letters' own number series per council and year (gap-free, locked)."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="referral_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}: {self.last_number}"
