"""Stakeholders (organisations), joint projects and support requests (kurum yazısı).

An organisation is platform-wide: one row for "Adana Grafik Tasarımcılar
Derneği", linked to each council it works with by an Affiliation. Everything
else (contacts, liaisons, projects, requests, pledges) belongs to one council.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from santral.core.fields import NameField
from santral.core.money import (
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    format_money,
    validate_money_bound,
)
from santral.core.text import clean_name, name_key, turkish_slugify, turkish_sort_key

from .querysets import OrganisationQuerySet, ProjectQuerySet, SupportRequestQuerySet

# Money columns share the ledger's bound: exact on SQLite too (santral/core/money.py).
MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}
NOT_NEGATIVE = MinValueValidator(Decimal("0"), message=_("Tutar eksi olamaz."))


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("Sivil toplum kuruluşu")
    ASSOCIATION = "association", _("Dernek")
    FOUNDATION = "foundation", _("Vakıf")
    UNION = "union", _("Sendika")
    CHAMBER = "chamber", _("Meslek odası")
    UNIVERSITY = "university", _("Üniversite")
    PUBLIC_BODY = "public_body", _("Kamu kurumu")
    MUNICIPAL_UNIT = "municipal_unit", _("Belediye birimi")
    COMPANY = "company", _("Şirket")
    INTERNATIONAL = "international", _("Uluslararası kuruluş")


class Topic(models.Model):
    """A free topic label ("gençlik", "erişilebilirlik"), shared by all organisations."""

    name = NameField(_("ad"), max_length=80, unique=True)
    slug = models.SlugField(_("kısa ad"), max_length=80, unique=True)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("konu")
        verbose_name_plural = _("konular")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or turkish_slugify(self.name)
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)


DUPLICATE_ORGANISATION_NAME = _(
    "Bu adla (büyük/küçük harf farkı gözetilmeksizin) kayıtlı bir kurum zaten var."
)


class Organisation(models.Model):
    """A stakeholder: NGO, association, chamber, public body, municipal unit …

    The public profile shows only the parts whose show_* flag is on and never
    the organisation's or its people's contact details (e-mail, phone, address).
    """

    # Read by the KVKK art. 6 model inspection (outreach tests): this row is an
    # organisation, so its kind "sendika" is not a person's union membership.
    kvkk_describes_an_organisation = True

    name = NameField(_("ad"), max_length=255)
    # The name in Turkish lower case (santral.core.text.name_key): unique among the
    # organisations one council keeps, and among the platform-wide ones.
    name_key = models.CharField(max_length=255, editable=False, default="")
    slug = models.SlugField(
        _("kısa ad"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("Bu kısa ad başka bir kurumda kullanılıyor.")},
    )
    kind = models.CharField(_("tür"), max_length=20, choices=OrganisationKind.choices)
    registry_number = models.CharField(
        _("sicil / kütük numarası"),
        max_length=64,
        blank=True,
        help_text=_("Varsa: dernek kütük no, vakıf sicil no, MERSİS no …"),
    )
    province = models.ForeignKey(
        "councils.Province",
        verbose_name=_("il"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "councils.District",
        verbose_name=_("ilçe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("konular"), blank=True)
    description = models.TextField(_("tanıtım"), blank=True)
    website = models.URLField(_("web sitesi"), blank=True)
    # Contact details: for the back office only, never on a public page or the API.
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    address = models.TextField(_("adres"), blank=True)
    owner_council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("kaydı tutan konsey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_organisations",
        help_text=_("Boşsa kayıt platform genelidir ve platform yöneticilerince düzenlenir."),
    )
    is_public = models.BooleanField(_("herkese açık profil"), default=False)
    show_registry_number = models.BooleanField(_("sicil numarasını göster"), default=False)
    show_website = models.BooleanField(_("web sitesini göster"), default=True)
    show_location = models.BooleanField(_("il/ilçeyi göster"), default=True)
    show_topics = models.BooleanField(_("konuları göster"), default=True)
    show_councils = models.BooleanField(_("konsey ve kurulları göster"), default=True)
    show_projects = models.BooleanField(_("ortak projeleri göster"), default=True)
    show_contributions = models.BooleanField(_("katkı geçmişini göster"), default=False)
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = _("paydaş kurum")
        verbose_name_plural = _("paydaş kurumlar")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_council", "name_key"],
                condition=Q(owner_council__isnull=False),
                name="organisation_name_key_unique_per_council",
            ),
            models.UniqueConstraint(
                fields=["name_key"],
                condition=Q(owner_council__isnull=True),
                name="organisation_name_key_unique_platform_wide",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.name_key = name_key(self.name)
        self.slug = self.slug or turkish_slugify(self.name, max_length=120)
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partners:organisation", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.name or "").strip():
            errors["name"] = _("Kurum adı boş olamaz.")
        elif self.name_taken():
            errors["name"] = DUPLICATE_ORGANISATION_NAME
        province = self.province if self.province_id else None
        district = self.district if self.district_id else None
        if district is not None and province is not None and district.province_id != province.pk:
            errors["district"] = _("Seçilen ilçe, seçilen ile bağlı değil.")
        if district is not None and province is None:
            errors["province"] = _("İlçe seçildiyse il de seçilmelidir.")
        if errors:
            raise ValidationError(errors)

    def name_taken(self) -> bool:
        """Another organisation kept by the same council (or platform-wide, like this one)
        has this name, written in any case (Turkish rules)."""
        others = Organisation.objects.filter(
            owner_council_id=self.owner_council_id, name_key=name_key(self.name)
        )
        return (others.exclude(pk=self.pk) if self.pk else others).exists()


class Affiliation(models.Model):
    """An organisation takes part in a council's work (and in some of its bodies)."""

    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kurum"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    bodies = models.ManyToManyField(
        "councils.Body", verbose_name=_("yer aldığı kurullar"), blank=True, related_name="+"
    )
    since_on = models.DateField(_("başlangıç"), null=True, blank=True)
    note = models.TextField(_("not"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "organisation__sort_key"]
        verbose_name = _("paydaşlık")
        verbose_name_plural = _("paydaşlıklar")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "organisation"], name="affiliation_unique_per_council"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.council}"


class ConsentText(models.Model):
    """A version of the KVKK privacy notice and consent text shown when a contact is recorded."""

    version = models.CharField(_("sürüm"), max_length=32, unique=True)
    text = models.TextField(_("metin"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("KVKK açık rıza metni")
        verbose_name_plural = _("KVKK açık rıza metinleri")

    def __str__(self) -> str:
        return self.version


class ContactPerson(models.Model):
    """A person at an organisation whom one council contacts. Never shown publicly.

    Stored only with explicit consent: the consent text's version and the time it
    was given are kept with the row (KVKK, law 6698).
    """

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("kurum"), on_delete=models.CASCADE, related_name="contacts"
    )
    full_name = NameField(_("ad soyad"), max_length=150)
    title = NameField(_("görev"), max_length=150, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    consent_version = models.CharField(_("açık rıza metni sürümü"), max_length=32)
    consent_at = models.DateTimeField(_("açık rıza zamanı"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__sort_key", "full_name"]
        verbose_name = _("iletişim kişisi")
        verbose_name_plural = _("iletişim kişileri")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Liaison(models.Model):
    """A user who answers, in Santral, the requests one council sends to one organisation."""

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("kurum"), on_delete=models.CASCADE, related_name="liaisons"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kullanıcı"),
        on_delete=models.CASCADE,
        related_name="partner_liaisons",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "organisation_id", "user_id"]
        verbose_name = _("kurum irtibat kişisi")
        verbose_name_plural = _("kurum irtibat kişileri")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "organisation", "user"], name="liaison_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planlanıyor")
    ACTIVE = "active", _("Sürüyor")
    COMPLETED = "completed", _("Tamamlandı")
    CANCELLED = "cancelled", _("İptal edildi")


class Project(ClusterableModel):
    """A joint project of a council and its partners."""

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    title = NameField(_("başlık"), max_length=255)
    slug = models.SlugField(_("kısa ad"), max_length=120, blank=True)
    aim = models.TextField(_("amaç"))
    description = models.TextField(_("açıklama"), blank=True)
    bodies = ParentalManyToManyField(
        "councils.Body", verbose_name=_("kurullar"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("durum"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    starts_on = models.DateField(_("başlangıç"), null=True, blank=True)
    ends_on = models.DateField(_("bitiş"), null=True, blank=True)
    is_public = models.BooleanField(_("herkese açık"), default=True)
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("ortak proje")
        verbose_name_plural = _("ortak projeler")
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="project_slug_per_council"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.title or "").strip():
            errors["title"] = _("Proje başlığı boş olamaz.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Bitiş tarihi başlangıçtan önce olamaz.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "partners:project", kwargs={"council_slug": self.council.slug, "slug": self.slug}
        )


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Yürütücü")
    PARTNER = "partner", _("Ortak")
    SUPPORTER = "supporter", _("Destekçi")
    FUNDER = "funder", _("Finansör")


class ProjectPartner(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kurum"),
        on_delete=models.PROTECT,
        related_name="project_partnerships",
        error_messages={"invalid_choice": _("Bilinmeyen kurum seçildi.")},
    )
    role = models.CharField(_("rol"), max_length=16, choices=PartnerRole.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("proje ortağı")
        verbose_name_plural = _("proje ortakları")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Milestone(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = NameField(_("aşama"), max_length=255)
    due_on = models.DateField(_("hedef tarih"))
    done_on = models.DateField(_("tamamlandığı tarih"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("aşama")
        verbose_name_plural = _("aşamalar")

    def __str__(self) -> str:
        return self.title


class ProjectDocument(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("belge"), on_delete=models.CASCADE, related_name="+"
    )
    title = NameField(_("başlık"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("proje belgesi")
        verbose_name_plural = _("proje belgeleri")

    def __str__(self) -> str:
        return self.title or self.document.title


class ContributionKind(models.TextChoices):
    CASH = "cash", _("Nakdi")
    IN_KIND = "in_kind", _("Ayni")


class ProjectContribution(Orderable):
    """Cash or in-kind contribution of one partner to a project, valued in TRY.

    budget_line_code holds the budget line's address (bütçe tertibi) as text until
    the budget issue's BudgetLine exists; it then becomes a foreign key.
    """

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kurum"),
        on_delete=models.PROTECT,
        related_name="project_contributions",
    )
    kind = models.CharField(_("tür"), max_length=16, choices=ContributionKind.choices)
    description = models.CharField(_("açıklama"), max_length=255, blank=True)
    amount = models.DecimalField(
        _("tutar (TL)"), validators=[NOT_NEGATIVE, validate_money_bound], **MONEY
    )
    contributed_on = models.DateField(_("tarih"))
    budget_line_code = models.CharField(
        _("bütçe tertibi"),
        max_length=64,
        blank=True,
        help_text=_("Örn. 46.01.xx.02 – 08.2.0.01 – 5 – 03.2.1.01 (metin olarak saklanır)."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("katkı")
        verbose_name_plural = _("katkılar")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="project_contribution_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {format_money(self.amount)}"


class CouncilLetterhead(models.Model):
    """How a council's official letters look: heading lines, number prefix and signatory.

    The council has no legal personality; its letters go out under its
    president's signature (DOMAIN.md, Official letters).
    """

    council = models.OneToOneField(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="letterhead",
    )
    heading = models.TextField(
        _("antet satırları"),
        help_text=_("Her satır ayrı yazılır, örn. T.C. / ADANA BÜYÜKŞEHİR KENT KONSEYİ."),
    )
    number_prefix = models.CharField(
        _("sayı öneki"),
        max_length=32,
        help_text=_("Yazı sayısının başı, örn. E-ABKK. Sayı: önek-yıl-sıra biçimindedir."),
    )
    signatory_name = NameField(_("imzalayan"), max_length=150)
    signatory_title = models.CharField(_("imzalayanın unvanı"), max_length=150)

    class Meta:
        verbose_name = _("yazı antedi")
        verbose_name_plural = _("yazı antetleri")

    def __str__(self) -> str:
        return str(self.council)

    @property
    def heading_lines(self) -> list[str]:
        return [line.strip() for line in self.heading.splitlines() if line.strip()]


class LetterCounter(models.Model):
    """The last letter number (sayı) a council used in a year; locked while a number is taken."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="letter_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}: {self.last_number}"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Taslak")
    SENT = "sent", _("Gönderildi")
    ANSWERED = "answered", _("Yanıtlandı")
    DELIVERED = "delivered", _("Teslim alındı")
    THANKED = "thanked", _("Teşekkür edildi")


class AnswerKind(models.TextChoices):
    ACCEPTED = "accepted", _("Kabul edildi")
    PARTLY = "partly", _("Kısmen kabul edildi")
    DECLINED = "declined", _("Reddedildi")


class SupportRequest(models.Model):
    """A formal request (kurum yazısı) from a council to an institution, and what came of it.

    Drafts can be edited; sending gives the letter its number (sayı) and date
    and freezes its text. A request may point at the event resource line it
    asks support for (see docs/partners.md).
    """

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("muhatap kurum"),
        on_delete=models.PROTECT,
        related_name="support_requests",
        error_messages={"invalid_choice": _("Bilinmeyen kurum seçildi.")},
    )
    body = models.ForeignKey(
        "councils.Body",
        verbose_name=_("talep eden kurul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("ilgili proje"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    subject = NameField(_("konu"), max_length=200)
    addressee_line = models.CharField(
        _("muhatap satırı"),
        max_length=300,
        blank=True,
        help_text=_("Boş bırakılırsa kurum adından, büyük harfle ve -e hâli ekiyle üretilir."),
    )
    references = models.TextField(
        _("ilgi"), blank=True, help_text=_("Her satır bir ilgi: a), b) … sırayla eklenir.")
    )
    text = models.TextField(_("metin"))
    attachments = models.TextField(_("ekler"), blank=True, help_text=_("Her satır bir ek."))
    distribution = models.TextField(_("dağıtım"), blank=True, help_text=_("Her satır bir alıcı."))
    signatory_name = NameField(_("imzalayan"), max_length=150, blank=True)
    signatory_title = models.CharField(_("imzalayanın unvanı"), max_length=150, blank=True)
    needed_by = models.DateField(_("ihtiyaç tarihi"), null=True, blank=True)
    resource_line = models.ForeignKey(
        "ResourceLine",
        verbose_name=_("kaynak kalemi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    status = models.CharField(
        _("durum"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    number_year = models.PositiveSmallIntegerField(_("sayı yılı"), null=True, blank=True)
    number = models.PositiveIntegerField(_("sıra numarası"), null=True, blank=True)
    reference = models.CharField(_("sayı"), max_length=64, blank=True)
    letter_date = models.DateField(_("tarih"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gönderildi"), null=True, blank=True)
    answer = models.CharField(_("yanıt"), max_length=16, choices=AnswerKind.choices, blank=True)
    answer_note = models.TextField(_("yanıt notu"), blank=True)
    answer_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("yanıt belgesi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("yanıtlandı"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_at = models.DateTimeField(_("teslim alındı"), null=True, blank=True)
    thanked_at = models.DateTimeField(_("teşekkür edildi"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("destek yazısı")
        verbose_name_plural = _("destek yazıları")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number_year", "number"], name="support_request_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | (~Q(status="draft") & Q(number__isnull=False)),
                name="support_request_numbered_when_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('Taslak')} – {self.subject}"

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.SENT, RequestStatus.ANSWERED) and (
            self.answer != AnswerKind.DECLINED
        )


class PledgeStatus(models.TextChoices):
    PENDING = "pending", _("Bekliyor")
    FULFILLED = "fulfilled", _("Yerine getirildi")
    NOT_FULFILLED = "not_fulfilled", _("Yerine getirilmedi")


class Pledge(models.Model):
    """What an institution promised in answer to a request: what, how many, worth, by when."""

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    support_request = models.ForeignKey(
        SupportRequest,
        verbose_name=_("destek yazısı"),
        on_delete=models.CASCADE,
        related_name="pledges",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("kurum"), on_delete=models.PROTECT, related_name="pledges"
    )
    resource_line = models.ForeignKey(
        "ResourceLine",
        verbose_name=_("kaynak kalemi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    what = models.CharField(_("ne"), max_length=255)
    quantity = models.DecimalField(_("miktar"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("birim"), max_length=32, blank=True)
    value = models.DecimalField(
        _("tahmini değer (TL)"),
        default=Decimal("0"),
        validators=[NOT_NEGATIVE, validate_money_bound],
        **MONEY,
    )
    due_on = models.DateField(_("teslim tarihi"), null=True, blank=True)
    status = models.CharField(
        _("durum"), max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.PENDING
    )
    settled_on = models.DateField(_("sonuç tarihi"), null=True, blank=True)
    delivered_value = models.DecimalField(
        _("gerçekleşen değer (TL)"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE, validate_money_bound],
        **MONEY,
    )
    note = models.CharField(_("not"), max_length=255, blank=True)
    # The budget's in-kind ledger row this fulfilled pledge was booked as (valued at the
    # council's unit rate); empty until a treasurer books it.
    in_kind = models.OneToOneField(
        "budget.InKindContribution",
        verbose_name=_("ayni katkı kaydı"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledge",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("taahhüt")
        verbose_name_plural = _("taahhütler")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="pledge_quantity_positive"),
            models.CheckConstraint(condition=Q(value__gte=0), name="pledge_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.what} × {self.quantity} {self.unit}".strip()


# --- Event resource plans (docs/partners.md "Resource plan") -------------------------------


class ResourceKind(models.TextChoices):
    VENUE = "venue", _("Mekân")
    TRANSPORT = "transport", _("Ulaşım")
    SOUND_LIGHT = "sound_light", _("Ses ve ışık")
    PRINTING = "printing", _("Baskı")
    DESIGN = "design", _("Tasarım")
    CATERING = "catering", _("İkram")
    ACCOMMODATION = "accommodation", _("Konaklama")
    INTERPRETERS = "interpreters", _("Tercüman (işaret dili dahil)")
    ACCESSIBILITY = "accessibility", _("Erişilebilirlik ihtiyaçları")
    VOLUNTEERS = "volunteers", _("Gönüllüler")
    STAFF = "staff", _("Personel")
    OTHER = "other", _("Diğer")


class ResourceSource(models.TextChoices):
    BUDGET = "budget", _("Bütçe satırından")
    PLEDGE = "pledge", _("Kurumun ayni desteğiyle")
    UNCOVERED = "uncovered", _("Henüz karşılanmadı")


class ResourceLine(models.Model):
    """One thing an event needs (hall, buses, interpreters …), what it costs and who covers it.

    `council` repeats the event's council so every query can be scoped without a join.
    A budget-covered line points at the expenditure request filed for it; pledges
    point at the line they cover (Pledge.resource_line).
    """

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("etkinlik"),
        on_delete=models.CASCADE,
        related_name="resource_lines",
    )
    kind = models.CharField(_("kalem türü"), max_length=16, choices=ResourceKind.choices)
    description = models.CharField(_("açıklama"), max_length=255)
    quantity = models.DecimalField(_("miktar"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("birim"), max_length=32, blank=True)
    unit_cost = models.DecimalField(
        _("tahmini birim maliyet (TL)"),
        default=Decimal("0"),
        validators=[NOT_NEGATIVE, validate_money_bound],
        **MONEY,
    )
    estimated_total = models.DecimalField(
        _("tahmini toplam (TL)"),
        default=Decimal("0"),
        editable=False,
        validators=[validate_money_bound],
        **MONEY,
    )
    source = models.CharField(
        _("karşılanma yolu"),
        max_length=16,
        choices=ResourceSource.choices,
        default=ResourceSource.UNCOVERED,
    )
    budget_line = models.ForeignKey(
        "budget.BudgetLine",
        verbose_name=_("bütçe satırı"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expenditure = models.ForeignKey(
        "budget.Expenditure",
        verbose_name=_("harcama talebi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("destek veren kurum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resource_lines",
        error_messages={"invalid_choice": _("Bilinmeyen kurum seçildi.")},
    )
    actual_cost = models.DecimalField(
        _("gerçekleşen maliyet (TL)"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE, validate_money_bound],
        **MONEY,
    )
    delivered_quantity = models.DecimalField(
        _("gerçekleşen miktar"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    sort_order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event_id", "sort_order", "id"]
        verbose_name = _("kaynak kalemi")
        verbose_name_plural = _("kaynak planı")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="resource_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0), name="resource_line_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity__isnull=True) | Q(delivered_quantity__gte=0),
                name="resource_line_delivered_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["council", "event"], name="resource_line_ce")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class ResourceReminder(models.Model):
    """The claim that today's gap reminder for an event was sent: one row per event and day.

    The unique constraint is the lock: of many workers, exactly one inserts the row.
    """

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("gün"))
    recipients = models.TextField(_("alıcılar"), blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "event_id"]
        verbose_name = _("kaynak hatırlatması")
        verbose_name_plural = _("kaynak hatırlatmaları")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "sent_on"], name="resource_reminder_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.sent_on}"
