from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from santral.core.fields import NameField
from santral.core.text import clean_name, name_key, turkish_sort_key

from .querysets import BodyQuerySet, CouncilQuerySet


class Province(models.Model):
    """One of Turkey's 81 provinces (il), keyed by its plate code."""

    plate = models.CharField(_("plaka"), max_length=2, unique=True)
    name = models.CharField(_("ad"), max_length=64)
    is_metropolitan = models.BooleanField(_("büyükşehir"), default=False)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("il")
        verbose_name_plural = _("iller")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)


class District(models.Model):
    """A district (ilçe) of a province."""

    province = models.ForeignKey(
        Province, verbose_name=_("il"), on_delete=models.CASCADE, related_name="districts"
    )
    name = models.CharField(_("ad"), max_length=64)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["province__plate", "sort_key"]
        verbose_name = _("ilçe")
        verbose_name_plural = _("ilçeler")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="district_unique_per_province"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} / {self.province.name}"

    def save(self, *args, **kwargs):
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)


class CouncilKind(models.TextChoices):
    METROPOLITAN = "buyuksehir", _("Büyükşehir kent konseyi")
    PROVINCE = "il", _("İl kent konseyi")
    DISTRICT = "ilce", _("İlçe kent konseyi")
    TOWN = "belde", _("Belde kent konseyi")


class DataLicence(models.TextChoices):
    """The licence of a council's open data (santral/opendata). SPDX identifiers as values."""

    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Atıf 4.0 (CC BY 4.0)")
    CC0_1 = "CC0-1.0", _("CC0 1.0 (kamu malı adanması)")
    CC_BY_SA_4 = "CC-BY-SA-4.0", _("Creative Commons Atıf-AynıLisanslaPaylaş 4.0 (CC BY-SA 4.0)")
    ODBL_1 = "ODbL-1.0", _("Open Database License 1.0 (ODbL)")


class CouncilStatus(models.TextChoices):
    ACTIVE = "active", _("Etkin")
    FORMING = "forming", _("Kuruluş aşamasında")
    INACTIVE = "inactive", _("Etkin değil")


# First path segments that belong to the site itself; a council cannot take them.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "acik-veri",
        "admin",
        "akis",
        "api",
        "ar",
        "arama",
        "belgeler",
        "django-admin",
        "documents",
        "en",
        "erisilebilirlik",
        "etkinlikler",
        "gizlilik",
        "gorunum",
        "haberler",
        "hesap",
        "home",
        "kararlar",
        "konseyler",
        "kurum-paneli",
        "media",
        "paydaslar",
        "paylasilanlar",
        "search",
        "sitemap",
        "static",
        "tasarim",
        "tr",
        "yayinlar",
    }
)


DUPLICATE_COUNCIL_NAME = _(
    "Bu ilde bu adla (büyük/küçük harf farkı gözetilmeksizin) kayıtlı bir kent konseyi zaten var."
)
DUPLICATE_BODY_NAME = _(
    "Bu konseyde bu adla (büyük/küçük harf farkı gözetilmeksizin) bir kurul zaten var."
)


class Council(models.Model):
    """A city council (kent konseyi): the tenant that owns data and a subtree of pages."""

    name = NameField(_("ad"), max_length=200)
    # The name in Turkish lower case (santral.core.text.name_key): unique in the province,
    # so "izmir kent konseyi" cannot stand beside "İzmir Kent Konseyi", even when both are
    # saved at once.
    name_key = models.CharField(max_length=200, editable=False, default="")
    slug = models.SlugField(
        _("kısa ad"),
        max_length=80,
        unique=True,
        help_text=_(
            "Adreste görünen ad: yalnızca küçük harf, rakam ve tire (ör. adana-buyuksehir)."
        ),
        error_messages={"unique": _("Bu kısa ad başka bir konseyde kullanılıyor.")},
    )
    kind = models.CharField(_("tür"), max_length=16, choices=CouncilKind.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("il"), on_delete=models.PROTECT, related_name="councils"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("ilçe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
    )
    town = models.CharField(_("belde"), max_length=100, blank=True)
    status = models.CharField(
        _("durum"), max_length=16, choices=CouncilStatus.choices, default=CouncilStatus.ACTIVE
    )
    description = models.TextField(_("tanıtım"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="councils/logos/", blank=True)
    # Wagtail images carry their own alt text (description) and renditions; the old file
    # field above stays for councils that uploaded a logo before these existed.
    logo_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo görseli"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("kapak görseli"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Konsey sayfasının ve kartının başında görünür; görselin açıklaması alt metindir."
        ),
    )
    privacy_notice = models.TextField(
        _("aydınlatma metni"),
        blank=True,
        help_text=_(
            "KVKK md. 10 aydınlatma metni: kayıt, bülten ve iletişim formlarındaki onay kutuları "
            "buna bağlanır. Boşsa platformun genel metni gösterilir."
        ),
    )
    # The notice as English and Arabic readers see it; the Turkish text is the one in force
    # where they differ. Empty: those readers get the Turkish text, marked as Turkish.
    privacy_notice_en = models.TextField(
        _("aydınlatma metni (İngilizce)"),
        blank=True,
        help_text=_("İngilizce sayfalarda gösterilir; boşsa Türkçe metin gösterilir."),
    )
    privacy_notice_ar = models.TextField(
        _("aydınlatma metni (Arapça)"),
        blank=True,
        help_text=_("Arapça sayfalarda gösterilir; boşsa Türkçe metin gösterilir."),
    )
    # Days before an event that the daily resource-gap reminder starts (partners); empty:
    # the platform's SANTRAL_RESOURCE_REMINDER_DAYS.
    resource_reminder_days = models.PositiveSmallIntegerField(
        _("kaynak açığı hatırlatması (gün)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Karşılanmamış kaynakları olan bir etkinlik için yöneticilere kaç gün önceden "
            "günlük hatırlatma gönderileceği (1–60). Boşsa platformun varsayılanı kullanılır."
        ),
    )
    privacy_notice_updated_on = models.DateField(
        _("aydınlatma metninin güncellendiği tarih"), null=True, blank=True
    )
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    address = models.TextField(_("adres"), blank=True)
    website = models.URLField(_("web sitesi"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    founded_on = models.DateField(_("kuruluş tarihi"), null=True, blank=True)
    data_licence = models.CharField(
        _("açık veri lisansı"),
        max_length=16,
        choices=DataLicence.choices,
        default=DataLicence.CC_BY_4,
        help_text=_("Konseyin açık veri kataloğundaki veri setlerinin lisansı."),
    )
    is_demo = models.BooleanField(_("demo kaydı"), default=False)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = _("kent konseyi")
        verbose_name_plural = _("kent konseyleri")
        # Per province: district names repeat across provinces (Yenişehir is in Bursa,
        # Mersin and Diyarbakır), so "Yenişehir Kent Konseyi" can exist once in each.
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name_key"], name="council_name_key_unique_per_province"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.name_key = name_key(self.name)
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        page = getattr(self, "home_page", None)
        return page.url if page is not None else ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.name is not None and not self.name.strip():
            errors["name"] = _("Konsey adı boş olamaz.")
        elif self.name and self.name_taken():
            errors["name"] = DUPLICATE_COUNCIL_NAME
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Bu kısa ad sistem tarafından kullanılıyor; başka bir ad seçin.")
        province = self.province if self.province_id else None
        district = self.district if self.district_id else None
        if district is not None and province is not None and district.province_id != province.pk:
            errors["district"] = _("Seçilen ilçe, seçilen ile bağlı değil.")
        if self.kind in (CouncilKind.DISTRICT, CouncilKind.TOWN) and district is None:
            errors["district"] = _("İlçe ve belde kent konseyleri için ilçe seçilmelidir.")
        if self.kind in (CouncilKind.METROPOLITAN, CouncilKind.PROVINCE) and district is not None:
            errors["district"] = _("İl ve büyükşehir kent konseylerinde ilçe seçilmez.")
        if self.kind == CouncilKind.METROPOLITAN and province is not None:
            if not province.is_metropolitan:
                errors["kind"] = _("%(province)s büyükşehir değil.") % {"province": province.name}
        if self.kind == CouncilKind.TOWN and not (self.town or "").strip():
            errors["town"] = _("Belde kent konseyi için belde adı girilmelidir.")
        if errors:
            raise ValidationError(errors)

    def name_taken(self) -> bool:
        """Another council of the same province already has this name, written in any case
        (Turkish rules)."""
        if not self.province_id:
            return False
        others = Council.objects.filter(province_id=self.province_id, name_key=name_key(self.name))
        return (others.exclude(pk=self.pk) if self.pk else others).exists()

    @property
    def location(self) -> str:
        if self.district_id:
            return f"{self.district.name}, {self.province.name}"
        return self.province.name

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in pairs if url]


# The fields of a council's profile: the back-office form edits them and the audit trail
# records their changes.
COUNCIL_PROFILE_FIELDS = (
    "name",
    "slug",
    "kind",
    "province",
    "district",
    "town",
    "status",
    "description",
    "logo",
    "email",
    "phone",
    "address",
    "privacy_notice",
    "privacy_notice_en",
    "privacy_notice_ar",
    "privacy_notice_updated_on",
    "resource_reminder_days",
    "website",
    "facebook_url",
    "instagram_url",
    "x_url",
    "youtube_url",
    "founded_on",
    "data_licence",
)


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("Genel Kurul")
    EXECUTIVE_BOARD = "executive_board", _("Yürütme Kurulu")
    ASSEMBLY = "assembly", _("Meclis")
    WORKING_GROUP = "working_group", _("Çalışma Grubu")


class AssemblyType(models.TextChoices):
    WOMEN = "women", _("Kadın")
    YOUTH = "youth", _("Gençlik")
    DISABLED = "disabled", _("Engelliler")
    CHILDREN = "children", _("Çocuk")
    ELDERLY = "elderly", _("Yaşlılar / Emekliler")
    CUSTOM = "custom", _("Diğer")


class Body(ClusterableModel):
    """An organ of a council: general assembly, executive board, an assembly or a working group."""

    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="bodies"
    )
    kind = models.CharField(_("tür"), max_length=24, choices=BodyKind.choices)
    assembly_type = models.CharField(
        _("meclis türü"), max_length=16, choices=AssemblyType.choices, blank=True
    )
    name = NameField(_("ad"), max_length=200)
    # Unique within the council, like Council.name_key.
    name_key = models.CharField(max_length=200, editable=False, default="")
    slug = models.SlugField(_("kısa ad"), max_length=80)
    purpose = models.TextField(_("amaç ve kapsam"), blank=True)
    is_active = models.BooleanField(_("etkin"), default=True)
    sort_order = models.PositiveIntegerField(_("sıra"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["council_id", "sort_order", "name"]
        verbose_name = _("kurul")
        verbose_name_plural = _("kurullar")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="body_slug_unique_per_council"
            ),
            models.UniqueConstraint(
                fields=["council", "name_key"], name="body_name_key_unique_per_council"
            ),
            models.CheckConstraint(
                condition=Q(kind="assembly") | Q(assembly_type=""),
                name="body_assembly_type_only_for_assemblies",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.council.name})"

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.council_id and self.name:
            others = Body.objects.filter(council_id=self.council_id, name_key=name_key(self.name))
            if others.exclude(pk=self.pk).exists() if self.pk else others.exists():
                raise ValidationError({"name": DUPLICATE_BODY_NAME})


class BodyMember(models.Model):
    """A person who sits on a body; at most one chair per body."""

    body = ParentalKey(Body, on_delete=models.CASCADE, related_name="members")
    full_name = NameField(_("ad soyad"), max_length=150)
    title = NameField(_("görev"), max_length=120, blank=True)
    organisation = NameField(_("temsil ettiği kurum"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("başkan"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kullanıcı hesabı"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_seats",
    )
    sort_order = models.PositiveIntegerField(_("sıra"), default=0)

    class Meta:
        ordering = ["body_id", "-is_chair", "sort_order", "full_name"]
        verbose_name = _("kurul üyesi")
        verbose_name_plural = _("kurul üyeleri")
        constraints = [
            models.UniqueConstraint(
                fields=["body"], condition=Q(is_chair=True), name="body_has_one_chair"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Role(models.TextChoices):
    COUNCIL_ADMIN = "council_admin", _("Konsey yöneticisi")
    EDITOR = "editor", _("Editör")
    TREASURER = "treasurer", _("Mali sorumlu")
    MEMBER = "member", _("Üye")


class Membership(models.Model):
    """A user's role in a council. A user may hold several roles in one council."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kullanıcı"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    council = models.ForeignKey(
        Council, verbose_name=_("konsey"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "role", "user_id"]
        verbose_name = _("konsey üyeliği")
        verbose_name_plural = _("konsey üyelikleri")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.council} – {self.get_role_display()}"


from .pages import CouncilHomePage, HubHomePage  # noqa: E402  (Wagtail finds pages in models)

__all__ = [
    "Body",
    "BodyMember",
    "Council",
    "CouncilHomePage",
    "District",
    "HubHomePage",
    "Membership",
    "Province",
    "Role",
]
