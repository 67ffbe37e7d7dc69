"""Events: Wagtail pages under a council or the hub; on-site registration with a waiting list."""

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from santral.content.models import ContentTranslationBase, LeadImageMixin, SantralContentPage
from santral.core.fields import NameField


class RegistrationMode(models.TextChoices):
    NONE = "none", _("Kayıt gerekmez")
    LINK = "link", _("Dış bağlantı ile kayıt")
    ONSITE = "onsite", _("Santral üzerinden kayıt")


class EventPage(RoutablePageMixin, LeadImageMixin, SantralContentPage):
    """A meeting, workshop or festival: when (Europe/Istanbul), where, who organises, who comes."""

    start_at = models.DateTimeField(_("başlangıç"), db_index=True)
    end_at = models.DateTimeField(_("bitiş"), db_index=True)
    venue = models.CharField(_("mekân"), max_length=200)
    address = models.TextField(_("adres"), blank=True)
    organiser_bodies = ParentalManyToManyField(
        "councils.Body",
        verbose_name=_("düzenleyen kurullar"),
        blank=True,
        related_name="+",
    )
    partners = models.CharField(_("iş birliği yapan kurumlar"), max_length=500, blank=True)
    is_public = models.BooleanField(
        _("herkese açık"),
        default=True,
        help_text=_("İşaretli değilse yalnızca konseyin üyeleri görür; listelerde görünmez."),
    )
    capacity = models.PositiveIntegerField(
        _("kontenjan"), null=True, blank=True, help_text=_("Boş bırakılırsa sınırsız.")
    )
    registration_mode = models.CharField(
        _("kayıt"), max_length=8, choices=RegistrationMode.choices, default=RegistrationMode.NONE
    )
    registration_url = models.URLField(_("kayıt bağlantısı"), blank=True)

    content_panels = [
        *Page.content_panels,
        *LeadImageMixin.lead_image_panels,
        MultiFieldPanel(
            [
                FieldPanel("start_at"),
                FieldPanel("end_at"),
                FieldPanel("venue"),
                FieldPanel("address"),
            ],
            heading=_("Zaman ve yer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser_bodies"),
                FieldPanel("partners"),
                FieldPanel("is_public"),
                FieldPanel("capacity"),
                FieldPanel("registration_mode"),
                FieldPanel("registration_url"),
            ],
            heading=_("Düzenleyenler ve kayıt"),
        ),
        *SantralContentPage.santral_panels,
    ]
    parent_page_types = ["councils.CouncilHomePage", "councils.HubHomePage"]
    subpage_types: list[str] = []
    template = "events/event_page.html"

    class Meta(SantralContentPage.Meta):
        verbose_name = _("etkinlik")
        verbose_name_plural = _("etkinlikler")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at < self.start_at:
            errors["end_at"] = _("Bitiş, başlangıçtan önce olamaz.")
        if self.registration_mode == RegistrationMode.LINK and not self.registration_url:
            errors["registration_url"] = _("Dış bağlantı ile kayıt için bağlantı girilmelidir.")
        if errors:
            raise ValidationError(errors)

    @property
    def ical_url(self) -> str:
        """This one event as an .ics file ("add to calendar"); docs/public-site.md."""
        if self.council_id is None:
            return reverse("events:hub_event_ical", kwargs={"event_slug": self.slug})
        return reverse(
            "events:council_event_ical",
            kwargs={"council_slug": self.council.slug, "event_slug": self.slug},
        )

    @property
    def map_url(self) -> str:
        """An OpenStreetMap search for the venue and address: a plain link, no map script."""
        place = ", ".join(
            " ".join(part.split()) for part in (self.venue, self.address) if part and part.strip()
        )
        if not place:
            return ""
        return "https://www.openstreetmap.org/search?query=" + quote(place, safe="")

    def serve(self, request, *args, **kwargs):
        from .selectors import may_see_event

        if not may_see_event(request.user, self):
            from django.http import Http404

            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .forms import RegistrationForm
        from .selectors import registration_counts

        context = super().get_context(request, *args, **kwargs)
        context["counts"] = registration_counts(self)
        context.setdefault("registration_form", RegistrationForm(council=self.council))
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("kayit/", name="register")
    def register(self, request):
        from .views import event_register_view

        return event_register_view(request, self)


class EventPageTranslation(ContentTranslationBase):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="translations")

    class Meta(ContentTranslationBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "variant"], name="event_translation_unique"
            )
        ]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Kaydı onaylandı")
    WAITING = "waiting", _("Bekleme listesinde")
    CANCELLED = "cancelled", _("İptal edildi")


class Registration(models.Model):
    """A person's seat at an event, or their place on the waiting list."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    full_name = NameField(_("ad soyad"), max_length=150)
    email = models.EmailField(_("e-posta"))
    status = models.CharField(_("durum"), max_length=16, choices=RegistrationStatus.choices)
    consent_text = models.TextField(_("onaylanan aydınlatma metni"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event_id", "created_at", "pk"]
        verbose_name = _("etkinlik kaydı")
        verbose_name_plural = _("etkinlik kayıtları")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_active_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.event.title}"
