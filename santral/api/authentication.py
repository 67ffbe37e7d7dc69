"""`Authorization: Bearer <token>` for the write API (docs/api-tokens.md).

Used only by the write endpoints (santral/api/write/); never by the back office, which
signs in with a session and TOTP. A token in the query string is refused: addresses end up
in logs, browser histories and Referer headers.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .tokens.services import TOKEN_PREFIX, api_token_check

# Query parameters that would carry a credential; any value that looks like a token too.
_QUERY_NAMES = frozenset({"token", "access_token", "api_key", "apikey", "key", "bearer"})


def token_in_query(request) -> bool:
    query = request.query_params if hasattr(request, "query_params") else request.GET
    for name, values in query.lists():
        if name.lower() in _QUERY_NAMES:
            return True
        if any(str(value).startswith(TOKEN_PREFIX) for value in values):
            return True
    return False


class BearerTokenAuthentication(BaseAuthentication):
    """Returns (the token's creator, the token); the views confine it to its council and
    scope (santral/api/write/permissions.py)."""

    keyword = "bearer"

    def authenticate(self, request):
        if token_in_query(request):
            raise AuthenticationFailed(
                _("API anahtarı adres satırında gönderilemez; Authorization başlığını kullanın.")
            )
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword:
            raise AuthenticationFailed(
                _("Yetki başlığı “Authorization: Bearer <anahtar>” biçiminde olmalı.")
            )
        check = api_token_check(parts[1])
        if check.token is None:
            raise AuthenticationFailed(check.problem)
        return check.token.created_by, check.token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when no or a bad token is given.
        return 'Bearer realm="santral"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "santralToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (a scheme name)
        )
        definition["description"] = "Konsey API anahtarı (docs/api-tokens.md): snt_…"
        return definition
