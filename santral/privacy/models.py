"""Privacy notices (aydınlatma metni) as versions, consent records and erasure requests (KVKK).

A council edits its notice on its profile (Council.privacy_notice); every change of that text
becomes a new numbered version here, so that a consent can say which text was agreed to. The
platform's own notice (for accounts) is a version with no council.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from santral.councils.models import Council

# KVKK md. 13/2: a request is answered within thirty days at the latest.
ANSWER_DAYS = 30


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PrivacyNotice(models.Model):
    """One version of a privacy notice; never edited once people may have agreed to it."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("konsey"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("sürüm"))
    # Empty Turkish text: the platform's default notice for councils (a template) applies.
    text = models.TextField(_("metin (Türkçe)"), blank=True)
    text_en = models.TextField(_("metin (İngilizce)"), blank=True)
    text_ar = models.TextField(_("metin (Arapça)"), blank=True)
    published_on = models.DateField(_("yayın tarihi"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council_id", "-version"]
        verbose_name = _("aydınlatma metni sürümü")
        verbose_name_plural = _("aydınlatma metni sürümleri")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "version"],
                condition=Q(council__isnull=False),
                name="privacy_notice_version_per_council",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(council__isnull=True),
                name="privacy_notice_version_platform",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council or 'Santral'} · v{self.version}"

    def localised(self) -> tuple[str, str]:
        """(text, language code) in the reader's language, Turkish when there is no translation."""
        language = (get_language() or "tr")[:2]
        translated = {"en": self.text_en, "ar": self.text_ar}.get(language, "")
        if translated.strip():
            return translated, language
        return self.text, "tr"

    @property
    def shown(self) -> dict:
        """What a page shows of this version in the reader's language (for templates)."""
        text, language = self.localised()
        return {
            "text": text,
            "language": language,
            "direction": "rtl" if language == "ar" else "ltr",
        }


class Purpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("Bülten")
    EVENT_REGISTRATION = "event_registration", _("Etkinlik kaydı")
    EVENT_PHOTOS = "event_photos", _("Etkinlikte fotoğraf ve video")
    PARTNER_CONTACT = "partner_contact", _("Paydaş iletişim kişisi")


class Method(models.TextChoices):
    FORM = "form", _("Sitedeki form")
    IMPORT = "import", _("İçe aktarma")
    IN_PERSON = "in_person", _("Yüz yüze, görevli kaydetti")


class Consent(models.Model):
    """Who agreed to what, under which notice version, when and how; and when they withdrew."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("konsey"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(_("amaç"), max_length=32, choices=Purpose.choices)
    email = models.EmailField(_("e-posta"))
    email_key = models.CharField(max_length=254, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("aydınlatma metni sürümü"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    method = models.CharField(_("nasıl"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the consent is attached to ("events.registration:12"), for withdrawal to act on.
    reference = models.CharField(max_length=80, blank=True)
    given_at = models.DateTimeField(_("verildiği an"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("geri alındığı an"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("açık rıza kaydı")
        verbose_name_plural = _("açık rıza kayıtları")
        indexes = [models.Index(fields=["council", "purpose", "email_key"], name="consent_lookup")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.email}"

    def save(self, *args, **kwargs):
        self.email_key = (self.email or "").strip().casefold()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ErasureStatus(models.TextChoices):
    OPEN = "open", _("Yanıt bekliyor")
    DONE = "done", _("Silindi")
    REFUSED = "refused", _("Reddedildi")


def default_due_on():
    return timezone.localdate() + timedelta(days=ANSWER_DAYS)


class ErasureRequest(models.Model):
    """A signed-in person's request to be erased; platform staff answer within 30 days.

    After the erasure `user` still points at the (now pseudonymous) account row, so the
    request stays as the record that an erasure happened, without saying what was erased.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kişi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("talep zamanı"), default=timezone.now)
    due_on = models.DateField(_("son yanıt günü"), default=default_due_on)
    status = models.CharField(
        _("durum"), max_length=16, choices=ErasureStatus.choices, default=ErasureStatus.OPEN
    )
    answered_at = models.DateTimeField(_("yanıt zamanı"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("yanıt"), blank=True)
    reminded_on = models.DateField(_("son hatırlatma"), null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("silme talebi")
        verbose_name_plural = _("silme talepleri")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="open"), name="erasure_one_open_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_status_display()}"
