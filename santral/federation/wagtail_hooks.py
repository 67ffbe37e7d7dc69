from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from santral.councils.permissions import is_platform_admin

from .backoffice import (
    source_add_view,
    source_edit_view,
    source_run_view,
    sources_index_view,
    sources_view,
)
from .selectors import source_councils


@hooks.register("register_admin_urls")
def register_federation_urls():
    return [
        path("kaynaklar/", sources_index_view, name="santral_sources_index"),
        path("kaynaklar/merkez/", sources_view, name="santral_sources_hub"),
        path("kaynaklar/merkez/yeni/", source_add_view, name="santral_source_add_hub"),
        path("kaynaklar/<int:council_id>/", sources_view, name="santral_sources"),
        path("kaynaklar/<int:council_id>/yeni/", source_add_view, name="santral_source_add"),
        path("kaynaklar/kaynak/<int:pk>/", source_edit_view, name="santral_source_edit"),
        path("kaynaklar/kaynak/<int:pk>/calistir/", source_run_view, name="santral_source_run"),
    ]


class SourcesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user) or source_councils(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_sources_menu_item():
    return SourcesMenuItem(
        _("Dış kaynaklar"), reverse("santral_sources_index"), icon_name="download", order=297
    )
