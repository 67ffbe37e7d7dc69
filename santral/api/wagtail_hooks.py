from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .tokens.backoffice import token_councils, token_index_view, token_list_view


@hooks.register("register_admin_urls")
def register_api_token_urls():
    return [
        path("api-anahtarlari/", token_index_view, name="santral_api_token_index"),
        path("api-anahtarlari/<int:council_id>/", token_list_view, name="santral_api_tokens"),
    ]


class ApiTokenMenuItem(MenuItem):
    def is_shown(self, request):
        return token_councils(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_api_token_menu_item():
    return ApiTokenMenuItem(
        _("API anahtarları"), reverse("santral_api_token_index"), icon_name="key", order=900
    )
