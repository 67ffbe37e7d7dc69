"""API tokens: a council's machine credential for the write API (docs/api-tokens.md).

Only a short public prefix (to find the row) and the SHA-256 of the whole token are stored;
the token itself is shown once, in the answer to the form that created it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    CONTENT = "content", _("İçerik: haber, etkinlik ve belge yazma")
    CONTENT_READ = "content_read", _("İçerik: yalnızca okuma")
    FINANCE = "finance", _("Mali: bütçe dosyası yükleme ve önizleme")
    FINANCE_READ = "finance_read", _("Mali: yalnızca önizleme okuma")


class ApiToken(models.Model):
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("ad / amaç"), max_length=100)
    scope = models.CharField(_("yetki alanı"), max_length=16, choices=TokenScope.choices)
    prefix = models.CharField(_("önek"), max_length=16, unique=True, editable=False)
    # SHA-256 (hex) of the whole token; the token itself is never stored.
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oluşturan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oluşturulma"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("geçerlilik sonu"))
    revoked_at = models.DateTimeField(_("iptal zamanı"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("iptal eden"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Updated by writes only: a GET never writes (docs/api-tokens.md).
    last_used_at = models.DateTimeField(_("son yazma kullanımı"), null=True, blank=True)

    class Meta:
        verbose_name = _("API anahtarı")
        verbose_name_plural = _("API anahtarları")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=TokenScope.values), name="api_token_scope_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (snt_{self.prefix}…)"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    @property
    def is_read_only(self) -> bool:
        return self.scope in (TokenScope.CONTENT_READ, TokenScope.FINANCE_READ)
