"""What every write-API view shares: the bearer token, its council and scope, the write
transaction with its audit row, Turkish 400s for Django's ValidationError."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.views import APIView

from ..authentication import BearerTokenAuthentication
from ..models import ApiToken, TokenScope
from ..tokens.services import api_token_mark_used, creator_may_hold

logger = logging.getLogger("santral.api.tokens")

AREA_SCOPES = {
    # area: (scopes that may write, scopes that may read)
    "content": (
        frozenset({TokenScope.CONTENT}),
        frozenset({TokenScope.CONTENT, TokenScope.CONTENT_READ}),
    ),
    "finance": (
        frozenset({TokenScope.FINANCE}),
        frozenset({TokenScope.FINANCE, TokenScope.FINANCE_READ}),
    ),
}


class HasApiToken(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiToken)


class TokenApiView(APIView):
    """A write-API endpoint: only a bearer token opens it (a session never does).

    The token acts for its council within its scope, and only while its creator still
    holds the role the scope needs there (tokens/services.py SCOPE_PREDICATES).
    """

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [HasApiToken]
    area = "content"

    def permission_denied(self, request, message=None, code=None):
        if request.auth is None:
            raise exceptions.NotAuthenticated(
                _("Bu adres bir API anahtarı ister: “Authorization: Bearer <anahtar>”.")
            )
        super().permission_denied(request, message, code)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        token: ApiToken = request.auth
        self.token = token
        self.council = token.council
        slug = kwargs.get("council_slug")
        if slug is not None and slug != token.council.slug:
            self._refuse(request, _("Bu API anahtarı yalnızca kendi konseyi için geçerli."))
        writers, readers = AREA_SCOPES[self.area]
        writing = request.method not in SAFE_METHODS
        if token.scope not in (writers if writing else readers):
            self._refuse(
                request,
                _("Bu API anahtarının yetki alanı (%(scope)s) bu işleme izin vermiyor.")
                % {"scope": token.scope},
            )
        if not creator_may_hold(token.created_by, token.council, token.scope):
            self._refuse(
                request,
                _(
                    "Bu API anahtarını oluşturan kişinin konseydeki yetkisi artık bu işlem için "
                    "yetmiyor; yeni bir anahtar oluşturulmalı."
                ),
            )
        if not writing:
            # A GET never writes to the database: reads are recorded in the log only.
            logger.info(
                "api token read: token=%s council=%s scope=%s %s %s",
                token.prefix,
                token.council.slug,
                token.scope,
                request.method,
                request.path,
            )

    def _refuse(self, request, message: str):
        logger.warning(
            "api token refused: token=%s council=%s %s %s: %s",
            self.token.prefix,
            self.token.council.slug,
            request.method,
            request.path,
            message,
        )
        raise exceptions.PermissionDenied(message)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def run_write(self, operation: str, work, details=None):
        """Run `work()` (returns the changed object) and the audit row naming the token in one
        transaction; Django's errors become DRF's (400 / 403), nothing is half-written."""
        try:
            with transaction.atomic():
                target = work()
                api_token_mark_used(
                    token=self.token, operation=operation, target=target, details=details
                )
        except DjangoValidationError as error:
            raise exceptions.ValidationError(django_errors(error)) from None
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error) or None) from None
        return target


def django_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            (field if field != "__all__" else "non_field_errors"): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(message) for message in error.messages]}
