"""Content of the information hub: Wagtail pages under each council's home page.

Every content page carries the same Santral fields (SantralContentPage): the
owning council (derived from the page's place in the tree, never chosen by the
editor), a scope, shared topics, an optional body, a language, a "share with
the network" flag and an archive flag. Platform-owned national and
international material hangs directly under the hub home page and has no
council.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from santral.core.fields import NameField
from santral.core.i18n import LocalName, local_name
from santral.core.text import clean_name, turkish_slugify, turkish_sort_key

from .querysets import ContentPageManager
from .richtext import sanitize_stored_html

# Path segments under a council's home page that the public lists and feeds use;
# a page directly under the council cannot take them.
RESERVED_CHILD_SLUGS = frozenset(
    {"haberler", "belgeler", "yayinlar", "etkinlikler", "sayfalar", "akis", "paylasilanlar"}
)

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|tr)>|<br\s*/?>", re.IGNORECASE)


def _plain_text(rich_text) -> str:
    """Rich text as plain text with a line break after each block: strip_tags alone glued
    "…sunulacak.</p><p>Bu içerik…" into "sunulacak.Bu içerik" in search snippets."""
    separated = _BLOCK_END.sub(lambda end: end[0] + "\n", str(rich_text or ""))
    return html.unescape(strip_tags(separated)).strip()


class Scope(models.TextChoices):
    LOCAL = "local", _("Yerel")
    NATIONAL = "national", _("Ulusal")
    INTERNATIONAL = "international", _("Uluslararası")


class Language(models.TextChoices):
    TURKISH = "tr", _("Türkçe")
    ENGLISH = "en", _("İngilizce")
    ARABIC = "ar", _("Arapça")
    KURDISH = "ku", _("Kürtçe")
    OTHER = "other", _("Diğer")


# Languages a content item can be translated into (the UI languages).
TRANSLATION_LANGUAGES = ("tr", "en", "ar")
RTL_LANGUAGES = frozenset({"ar"})


class TranslationLanguage(models.TextChoices):
    TURKISH = "tr", _("Türkçe")
    ENGLISH = "en", _("İngilizce")
    ARABIC = "ar", _("Arapça")


class TranslationVariant(models.TextChoices):
    STANDARD = "standard", _("Çeviri")
    EASY_READ = "easy", _("Kolay okunur")


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


class ContentTranslationBase(Orderable):
    """A translation or easy-read version of a content page, kept in the page's revisions.

    Concrete subclasses add a ParentalKey named `page` with related_name
    "translations"; being cluster children, translations are saved with the
    page's revisions, so drafts, preview and moderation cover them and only the
    published revision's rows are public.
    """

    language = models.CharField(
        _("dil"), max_length=2, choices=TranslationLanguage.choices, default="en"
    )
    variant = models.CharField(
        _("sürüm"),
        max_length=8,
        choices=TranslationVariant.choices,
        default=TranslationVariant.STANDARD,
        help_text=_("Kolay okunur sürüm: kısa cümleler, sade sözcükler."),
    )
    title = NameField(_("başlık"), max_length=255)
    summary = models.TextField(_("özet"), blank=True)
    body = RichTextField(_("metin"), blank=True, features=RICH_TEXT_FEATURES)

    panels = [
        FieldPanel("language"),
        FieldPanel("variant"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("çeviri")
        verbose_name_plural = _("çeviriler")

    def __str__(self) -> str:
        return f"{self.title} ({self.language}, {self.variant})"

    def save(self, *args, **kwargs):
        self.body = sanitize_stored_html(self.body)
        super().save(*args, **kwargs)

    @property
    def is_easy_read(self) -> bool:
        return self.variant == TranslationVariant.EASY_READ

    @property
    def direction(self) -> str:
        return text_direction(self.language)


def same_language_message(language_label) -> str:
    return _(
        "Çeviri sayfanın özgün diliyle aynı (%(language)s); çevirinin dilini "
        "değiştirin ya da kolay okunur sürüm seçin."
    ) % {"language": language_label}


class ContentPageForm(WagtailAdminPageForm):
    """The page editor's form: a standard translation may not repeat the page's own language.

    (The page's clean() sees the stored translations, not the ones being submitted.)
    """

    def clean(self):
        cleaned_data = super().clean()
        language = cleaned_data.get("language")
        formset = self.formsets.get("translations")
        if not language or formset is None or not formset.is_valid():
            return cleaned_data
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed():
                continue
            data = form.cleaned_data
            if (
                data.get("variant") == TranslationVariant.STANDARD
                and data.get("language") == language
            ):
                self.add_error(
                    "language", same_language_message(form.instance.get_language_display())
                )
                break
        return cleaned_data


def translation_panel():
    return InlinePanel(
        "translations",
        label=_("Çeviriler ve kolay okunur sürümler"),
        heading=_("Çeviriler ve kolay okunur sürümler"),
    )


def image_alt_errors(image, alt: str, decorative: bool, *, alt_field: str) -> dict[str, str]:
    """An image needs a text alternative unless the editor marks it decorative (alt="")."""
    if image is not None and not decorative and not (alt or "").strip():
        return {
            alt_field: _(
                "Görselin metin karşılığını (alt metin) yazın ya da görseli “yalnızca süs” "
                "olarak işaretleyin."
            )
        }
    return {}


@register_snippet
class Topic(models.Model):
    """A theme shared by every council (çevre, kadın, gençlik …); editable in the back office."""

    name = NameField(_("ad"), max_length=100, unique=True)
    name_en = models.CharField(
        _("İngilizce adı"),
        max_length=100,
        blank=True,
        help_text=_("/en/ sayfalarında gösterilir; boşsa Türkçe adı gösterilir."),
    )
    name_ar = models.CharField(
        _("Arapça adı"),
        max_length=100,
        blank=True,
        help_text=_("/ar/ sayfalarında gösterilir; boşsa Türkçe adı gösterilir."),
    )
    slug = models.SlugField(_("kısa ad"), max_length=100, unique=True, blank=True)
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("name_ar"), FieldPanel("slug")]

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("konu")
        verbose_name_plural = _("konular")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = turkish_slugify(self.name, max_length=100)
        self.sort_key = turkish_sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def display(self) -> LocalName:
        """The name in the interface language, or the Turkish name marked as Turkish."""
        return local_name(self.name, en=self.name_en, ar=self.name_ar)


def council_id_for_path(path: str) -> int | None:
    """The council owning a page at this tree path (None under the hub itself).

    The tree is root (depth 1) → hub (2) → council home (3) → content (4+).
    """
    from santral.councils.models import CouncilHomePage

    depth = len(path) // Page.steplen
    if depth < 4:
        return None
    return (
        CouncilHomePage.objects.filter(path=path[: 3 * Page.steplen])
        .values_list("council_id", flat=True)
        .first()
    )


class SantralContentPage(Page):
    """Fields and behaviour every Santral content page shares (abstract)."""

    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("konsey"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("özet"), blank=True)
    body = RichTextField(_("metin"), blank=True, features=RICH_TEXT_FEATURES)
    scope = models.CharField(
        _("kapsam"), max_length=16, choices=Scope.choices, default=Scope.LOCAL, db_index=True
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("konular"), blank=True, related_name="+")
    owner_body = models.ForeignKey(
        "councils.Body",
        verbose_name=_("kurul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("İçeriğin ait olduğu meclis ya da çalışma grubu (isteğe bağlı)."),
    )
    language = models.CharField(
        _("dil"), max_length=8, choices=Language.choices, default=Language.TURKISH
    )
    is_shared = models.BooleanField(
        _("ağ ile paylaş"),
        default=False,
        help_text=_("İşaretlenirse içerik merkez sayfada görünür ve diğer konseyler paylaşabilir."),
    )
    is_archived = models.BooleanField(
        _("arşivlendi"),
        default=False,
        db_index=True,
        help_text=_("Arşivlenen içerik listelerden çıkar; adresi bir uyarıyla açık kalır."),
    )
    archived_at = models.DateTimeField(_("arşivlenme zamanı"), null=True, blank=True)
    # live and not archived, kept on this table so public lists count and filter without
    # joining wagtailcore_page (100 000 rows: ~100 ms → a few ms on PostgreSQL).
    is_listed = models.BooleanField(default=False, editable=False)
    # Harvested items (santral.federation): where the item came from, shown on its page with
    # the author and the source's licence; a harvested item is never re-published as shared.
    original_url = models.URLField(_("özgün adres"), max_length=1000, blank=True, editable=False)
    source_name = models.CharField(_("kaynak"), max_length=255, blank=True, editable=False)
    source_author = models.CharField(_("yazar"), max_length=255, blank=True, editable=False)
    source_licence = models.CharField(
        _("kaynağın lisansı"), max_length=255, blank=True, editable=False
    )
    is_harvested = models.BooleanField(_("dış kaynaktan"), default=False, editable=False)
    search_text = models.TextField(
        _("arama metni"),
        blank=True,
        editable=False,
        help_text=_("Metin ve ek dosyalardan çıkarılan düz metin (arama için)."),
    )

    objects = ContentPageManager()
    base_form_class = ContentPageForm

    santral_panels = [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("topics"),
                FieldPanel("owner_body"),
                FieldPanel("language"),
                FieldPanel("is_shared"),
                FieldPanel("is_archived"),
            ],
            heading=_("Sınıflandırma ve paylaşım"),
        ),
        translation_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("search_text"),
        index.FilterField("council"),
        index.FilterField("scope"),
        index.FilterField("is_archived"),
    ]

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["is_listed"], name="%(app_label)s_%(class)s_listed"),
            models.Index(fields=["council", "is_listed"], name="%(app_label)s_%(class)s_cl"),
        ]

    # --- derived data -------------------------------------------------------------------------

    def attached_text(self) -> str:
        """Plain text of attached files (overridden by types that carry files)."""
        return ""

    def compute_search_text(self) -> str:
        body = _plain_text(self.body)
        parts = [self.title, self.intro, body, self.attached_text(), self.translated_text()]
        return "\n".join(part for part in parts if part).strip()

    def translation_list(self) -> list:
        """This revision's translations (in memory before the first save, stored after)."""
        translations = getattr(self, "translations", None)
        if translations is None:
            return []
        try:
            return list(translations.all())
        except ValueError:  # a new page without a primary key and no translations set
            return []

    def translated_text(self) -> str:
        """Plain text of the translations in this (in-memory or stored) revision."""
        parts = []
        for translation in self.translation_list():
            body = _plain_text(translation.body)
            parts.extend(part for part in (translation.title, translation.summary, body) if part)
        return "\n".join(parts)

    def translation_errors(self) -> dict[str, str]:
        """One translation per language and variant; a standard one never repeats the original."""
        seen: set[tuple[str, str]] = set()
        for translation in self.translation_list():
            key = (translation.language, translation.variant)
            if key in seen:
                return {
                    "title": _(
                        "Aynı dilde ve sürümde birden fazla çeviri var (%(language)s); "
                        "birini silin."
                    )
                    % {"language": translation.get_language_display()}
                }
            if translation.variant == TranslationVariant.STANDARD and (
                translation.language == self.language
            ):
                return {"language": same_language_message(translation.get_language_display())}
            seen.add(key)
        return {}

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        council_id = council_id_for_path(self.path) if self.path else self.council_id
        if self.owner_body_id and council_id and self.owner_body.council_id != council_id:
            errors["owner_body"] = _("Seçilen kurul bu konseye ait değil.")
        if self.depth == 4 and self.slug in RESERVED_CHILD_SLUGS:
            errors["slug"] = _("Bu kısa ad konsey sayfalarında kullanılıyor; başka bir ad seçin.")
        errors.update(self.translation_errors())
        if errors:
            raise ValidationError(errors)

    def normalise_text(self) -> None:
        """Titles as names (santral.core.text.clean_name), the body as stored safe HTML."""
        self.title = clean_name(self.title)
        self.draft_title = clean_name(self.draft_title)
        self.seo_title = clean_name(self.seo_title)
        self.body = sanitize_stored_html(self.body)

    def full_clean(self, *args, **kwargs):
        # Before validation, so a revision (saved after full_clean) stores the clean text.
        self.normalise_text()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.normalise_text()
        if self.path:
            self.council_id = council_id_for_path(self.path)
        if self.is_archived and self.archived_at is None:
            self.archived_at = timezone.now()
        if not self.is_archived:
            self.archived_at = None
        self.search_text = self.compute_search_text()[:200_000]
        self.is_listed = bool(self.live and not self.is_archived)
        return super().save(*args, **kwargs)

    # --- presentation -------------------------------------------------------------------------

    @property
    def published_at(self):
        return self.first_published_at or self.latest_revision_created_at

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name)

    def version_context(self, request) -> dict:
        """The version to show (translation, easy-read or original) and links to the others.

        Raises Http404 for ?surum=kolay when the item has no easy-read version.
        """
        from django.http import Http404
        from django.urls import translate_url
        from django.utils.html import format_html
        from django.utils.translation import get_language

        from .selectors import EASY_READ_PARAM, EASY_READ_VALUE, content_versions

        ui_language = (get_language() or "tr").split("-")[0]
        easy_read = request.GET.get(EASY_READ_PARAM) == EASY_READ_VALUE
        versions = content_versions(self, ui_language=ui_language, easy_read=easy_read)
        if versions is None:
            raise Http404
        shown = versions.shown
        attrs = ""
        if shown.lang and (shown.lang != ui_language or shown.is_easy_read):
            attrs = format_html(' lang="{}" dir="{}"', shown.lang, shown.direction)
        path = request.path
        return {
            "versions": versions,
            "shown": shown,
            "content_lang_attrs": attrs,
            "standard_url": path,
            "easy_read_url": f"{path}?{EASY_READ_PARAM}={EASY_READ_VALUE}",
            "alternate_links": [
                (code, request.build_absolute_uri(translate_url(path, code)))
                for code in versions.alternate_languages
            ],
        }

    def get_context(self, request, *args, **kwargs):
        from santral.councils.permissions import Capability, councils_with_capability

        context = super().get_context(request, *args, **kwargs)
        context.update(self.version_context(request))
        context["council_obj"] = self.council
        context["og_image"] = getattr(self, "lead_image", None) or getattr(
            self, "cover_image", None
        )
        user = getattr(request, "user", None)
        if self.is_shared and user is not None and user.is_authenticated:
            councils = councils_with_capability(user, Capability.PUBLISH_CONTENT)
            context["reshare_councils"] = list(councils.exclude(pk=self.council_id))
        return context


COUNCIL_CONTENT_TYPES = [
    "content.NewsPage",
    "content.InfoPage",
    "content.DocumentPage",
    "content.PublicationPage",
    "events.EventPage",
]


class LeadImageMixin(models.Model):
    """A lead image with its text alternative (news items and events show it on cards, on
    their page and as the picture a shared link carries)."""

    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("manşet görseli"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("görselin metin karşılığı"),
        max_length=250,
        blank=True,
        help_text=_("Görme engelli okurlar için görselde ne olduğunu kısaca yazın."),
    )
    lead_image_decorative = models.BooleanField(
        _("görsel yalnızca süs"),
        default=False,
        help_text=_("Görsel bilgi taşımıyorsa işaretleyin; ekran okuyucular onu atlar."),
    )

    lead_image_panels = [
        FieldPanel("lead_image"),
        FieldPanel("lead_image_alt"),
        FieldPanel("lead_image_decorative"),
    ]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors = image_alt_errors(
            self.lead_image,
            self.lead_image_alt,
            self.lead_image_decorative,
            alt_field="lead_image_alt",
        )
        if errors:
            raise ValidationError(errors)

    @property
    def lead_image_alt_text(self) -> str:
        return "" if self.lead_image_decorative else self.lead_image_alt


class NewsPage(LeadImageMixin, SantralContentPage):  # noqa: DJ008 (Page gives __str__)
    """A news item or announcement (haber / duyuru) with a lead image."""

    content_panels = [
        *Page.content_panels,
        *LeadImageMixin.lead_image_panels,
        *SantralContentPage.santral_panels,
    ]
    parent_page_types = ["councils.CouncilHomePage", "councils.HubHomePage"]
    subpage_types: list[str] = []
    template = "content/news_page.html"

    class Meta(SantralContentPage.Meta):
        verbose_name = _("haber")
        verbose_name_plural = _("haberler")


class InfoPage(SantralContentPage):
    """A static page of a council ("Hakkımızda"); pages nest."""

    content_panels = [*Page.content_panels, *SantralContentPage.santral_panels]
    parent_page_types = ["councils.CouncilHomePage", "councils.HubHomePage", "content.InfoPage"]
    subpage_types = ["content.InfoPage"]
    template = "content/info_page.html"

    class Meta(SantralContentPage.Meta):
        verbose_name = _("sayfa")
        verbose_name_plural = _("sayfalar")


class DocumentType(models.TextChoices):
    DECISION = "decision", _("Karar")
    MINUTES = "minutes", _("Toplantı tutanağı")
    REPORT = "report", _("Rapor")
    REGULATION = "regulation", _("Yönetmelik / yönerge")
    OPINION = "opinion", _("Görüş / öneri")
    OTHER = "other", _("Diğer")


class DocumentPage(SantralContentPage):
    """A decision, meeting minutes, report or regulation with one or more files."""

    document_type = models.CharField(
        _("belge türü"), max_length=16, choices=DocumentType.choices, db_index=True
    )
    document_date = models.DateField(_("belge tarihi"), db_index=True)
    number = models.CharField(_("sayı / karar no"), max_length=64, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("document_type"), FieldPanel("document_date"), FieldPanel("number")],
            heading=_("Belge bilgileri"),
        ),
        InlinePanel("files", label=_("Dosyalar"), min_num=1),
        *SantralContentPage.santral_panels,
    ]
    parent_page_types = ["councils.CouncilHomePage", "councils.HubHomePage"]
    subpage_types: list[str] = []
    template = "content/document_page.html"

    class Meta(SantralContentPage.Meta):
        verbose_name = _("belge")
        verbose_name_plural = _("belgeler")

    def attached_text(self) -> str:
        return _attached_text(self.files.all())


class PublicationKind(models.TextChoices):
    BROCHURE = "brochure", _("Broşür")
    BOOKLET = "booklet", _("Kitapçık")
    POSTER = "poster", _("Afiş")
    INFOGRAPHIC = "infographic", _("İnfografik")
    VIDEO = "video", _("Video")
    BOOK = "book", _("Kitap / rapor")
    OTHER = "other", _("Diğer")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    ALL_RIGHTS = "all-rights-reserved", _("Tüm hakları saklıdır")


class PublicationPage(SantralContentPage):
    """An educational publication or visual material: brochure, booklet, poster, video …"""

    publication_kind = models.CharField(
        _("yayın türü"), max_length=16, choices=PublicationKind.choices, db_index=True
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("kapak görseli"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("kapak görselinin metin karşılığı"),
        max_length=250,
        blank=True,
        help_text=_("Görme engelli okurlar için kapakta ne olduğunu kısaca yazın."),
    )
    cover_image_decorative = models.BooleanField(
        _("kapak görseli yalnızca süs"),
        default=False,
        help_text=_("Görsel bilgi taşımıyorsa işaretleyin; ekran okuyucular onu atlar."),
    )
    authors = models.CharField(_("yazarlar / hazırlayanlar"), max_length=500, blank=True)
    partners = models.CharField(
        _("iş birliği yapılan kurumlar"),
        max_length=500,
        blank=True,
        help_text=_("Örn. Adana Grafik Tasarımcılar Derneği"),
    )
    licence = models.CharField(
        _("lisans"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True)
    published_on = models.DateField(_("yayın tarihi"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("publication_kind"),
                FieldPanel("cover_image"),
                FieldPanel("cover_image_alt"),
                FieldPanel("cover_image_decorative"),
                FieldPanel("authors"),
                FieldPanel("partners"),
                FieldPanel("licence"),
                FieldPanel("isbn"),
                FieldPanel("published_on"),
            ],
            heading=_("Yayın bilgileri"),
        ),
        InlinePanel("files", label=_("Dosyalar")),
        InlinePanel("videos", label=_("Video bağlantıları")),
        *SantralContentPage.santral_panels,
    ]
    parent_page_types = ["councils.CouncilHomePage", "councils.HubHomePage"]
    subpage_types: list[str] = []
    template = "content/publication_page.html"

    class Meta(SantralContentPage.Meta):
        verbose_name = _("yayın")
        verbose_name_plural = _("yayınlar")

    def clean(self) -> None:
        super().clean()
        errors = image_alt_errors(
            self.cover_image,
            self.cover_image_alt,
            self.cover_image_decorative,
            alt_field="cover_image_alt",
        )
        if self.isbn:
            from .isbn import isbn_is_valid

            if not isbn_is_valid(self.isbn):
                errors["isbn"] = _("ISBN geçerli değil (10 ya da 13 hane).")
        if errors:
            raise ValidationError(errors)

    @property
    def cover_image_alt_text(self) -> str:
        return "" if self.cover_image_decorative else self.cover_image_alt

    def attached_text(self) -> str:
        return _attached_text(self.files.all())


def _attached_text(files) -> str:
    texts = []
    for attached in files:
        document = attached.document
        extracted = getattr(document, "santral_text", None) if document else None
        if extracted is not None and extracted.text:
            texts.append(extracted.text)
    return "\n".join(texts)


class DocumentPageFile(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dosya"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("etiket"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]


class PublicationFile(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dosya"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("etiket"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]


class PublicationVideo(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField(_("video adresi"))
    title = NameField(_("başlık"), max_length=200, blank=True)
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("altyazı dosyası (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("“WEBVTT” ile başlayan bir .vtt dosyası."),
    )
    transcript = models.TextField(
        _("metin dökümü"),
        blank=True,
        help_text=_("Videoda söylenenlerin ve önemli seslerin yazılı hali."),
    )

    panels = [
        FieldPanel("url"),
        FieldPanel("title"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
    ]

    def clean(self) -> None:
        super().clean()
        if self.captions_id and not document_is_webvtt(self.captions):
            raise ValidationError(
                {"captions": _("Altyazı dosyası WebVTT değil: dosya “WEBVTT” ile başlamalı.")}
            )


def document_is_webvtt(document) -> bool:
    """True when the stored file's content is WebVTT (whatever its name says)."""
    from .files import is_webvtt

    try:
        with document.file.open("rb") as handle:
            return is_webvtt(handle.read(64))
    except (OSError, ValueError):
        return False


class NewsPageTranslation(ContentTranslationBase):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="translations")

    class Meta(ContentTranslationBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "variant"], name="news_translation_unique"
            )
        ]


class InfoPageTranslation(ContentTranslationBase):
    page = ParentalKey(InfoPage, on_delete=models.CASCADE, related_name="translations")

    class Meta(ContentTranslationBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "variant"], name="info_translation_unique"
            )
        ]


class DocumentPageTranslation(ContentTranslationBase):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="translations")

    class Meta(ContentTranslationBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "variant"], name="document_translation_unique"
            )
        ]


class PublicationPageTranslation(ContentTranslationBase):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="translations")

    class Meta(ContentTranslationBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "variant"], name="publication_translation_unique"
            )
        ]


class FileText(models.Model):
    """What Santral learned from an uploaded file: its checked type, text and thumbnail."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="santral_text"
    )
    kind = models.CharField(_("dosya türü"), max_length=8)
    text = models.TextField(_("çıkarılan metin"), blank=True)
    thumbnail = models.ImageField(_("küçük görsel"), upload_to="content/thumbnails/", blank=True)
    file_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("dosya metni")
        verbose_name_plural = _("dosya metinleri")

    def __str__(self) -> str:
        return f"{self.document} ({self.kind})"


class Reshare(models.Model):
    """Council X shows council Y's shared item on its own pages, with attribution."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="reshares"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("yeniden paylaşım")
        verbose_name_plural = _("yeniden paylaşımlar")
        constraints = [
            models.UniqueConstraint(fields=["council", "page"], name="reshare_unique_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.council} ← {self.page}"


class WordPressSource(models.Model):
    """Which WordPress item became which page (or file), so a re-import changes nothing."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="wordpress_sources"
    )
    wp_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_url = models.URLField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "wp_id"], name="wp_source_unique")
        ]

    def __str__(self) -> str:
        return f"WordPress {self.kind} {self.wp_id}"


class CouncilContentSettings(models.Model):
    """Per-council content options; today: whether publishing needs a council admin's approval."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.CASCADE, related_name="content_settings"
    )
    moderation_required = models.BooleanField(
        _("iki aşamalı onay"),
        default=False,
        help_text=_("Açıksa editörler içeriği onaya gönderir; konsey yöneticisi yayımlar."),
    )

    class Meta:
        verbose_name = _("içerik ayarları")
        verbose_name_plural = _("içerik ayarları")

    def __str__(self) -> str:
        return str(self.council)
