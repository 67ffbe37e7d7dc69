from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .fields import NameField


class SantralUserManager(UserManager):
    """Users sign in with their e-mail; the username is kept only for Django's admin."""

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        return super().create_user(username or email, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        return super().create_superuser(username or email, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. A superuser is a platform admin, above all councils."""

    email = models.EmailField(_("e-posta"), unique=True)
    full_name = NameField(_("ad soyad"), max_length=150, blank=True)
    # Part of the session hash: raising it signs the user out of every other session.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = SantralUserManager()

    class Meta:
        verbose_name = _("kullanıcı")
        verbose_name_plural = _("kullanıcılar")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret=None):
        # Django ends every session whose stored hash no longer matches; the epoch joins the
        # password in the hash so that "sign out other sessions" can raise it.
        key_salt = "santral.core.models.User.session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class AuditRecord(models.Model):
    """One change to money, permissions or a tenant's profile: who, when, what before and after.

    Rows are append-only: the model refuses updates and deletes.
    """

    at = models.DateTimeField(_("zaman"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("işlemi yapan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The tenant as a bare id: core sits below councils and cannot point at it.
    council_id = models.BigIntegerField(_("konsey"), null=True, blank=True, db_index=True)
    action = models.CharField(_("işlem"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("nesne"), max_length=255, blank=True)
    before = models.JSONField(_("önce"), null=True, blank=True)
    after = models.JSONField(_("sonra"), null=True, blank=True)
    # The request that made the change (also in the logs, and in the X-Request-ID header).
    request_id = models.CharField(_("istek kimliği"), max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("denetim kaydı")
        verbose_name_plural = _("denetim kayıtları")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit records are append-only.")
