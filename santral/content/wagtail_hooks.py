"""The back office obeys the same content rules as the services.

Wagtail's page permissions (derived per council in councils/wagtail_sync.py)
already keep an editor inside their council's subtree; these hooks check the
same predicates once more before a page is created, edited or published, and
refuse direct publishing where the council requires two-step moderation.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from santral.councils.permissions import Capability, councils_with_capability

from .backoffice import (
    moderation_index_view,
    moderation_view,
    shared_items_view,
    wordpress_import_view,
)
from .dashboard import content_panels, moderated_councils_for_editor, moderation_notice
from .models import SantralContentPage
from .services import council_of_page, may_edit_in, may_publish_in


def _is_content(page_or_class) -> bool:
    cls = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific)
    return issubclass(cls, SantralContentPage)


@hooks.register("before_create_page")
def check_create(request, parent_page, page_class):
    if _is_content(page_class) and not may_edit_in(request.user, council_of_page(parent_page)):
        raise PermissionDenied


@hooks.register("before_edit_page")
def check_edit(request, page):
    if _is_content(page) and not may_edit_in(request.user, council_of_page(page)):
        raise PermissionDenied


@hooks.register("before_publish_page")
def check_publish(request, page):
    if _is_content(page) and not may_publish_in(request.user, council_of_page(page)):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def register_content_urls():
    return [
        path("icerik/wordpress/", wordpress_import_view, name="santral_content_wordpress"),
        path("icerik/paylasilanlar/", shared_items_view, name="santral_content_shared"),
        path("icerik/onay/", moderation_index_view, name="santral_content_moderation_index"),
        path("icerik/onay/<int:council_id>/", moderation_view, name="santral_content_moderation"),
    ]


class PublisherMenuItem(MenuItem):
    def is_shown(self, request):
        return councils_with_capability(request.user, Capability.PUBLISH_CONTENT).exists()


class CouncilAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return councils_with_capability(request.user, Capability.MANAGE_MEMBERSHIPS).exists()


@hooks.register("register_admin_menu_item")
def register_wordpress_menu_item():
    return PublisherMenuItem(
        _("WordPress'ten aktar"),
        reverse("santral_content_wordpress"),
        icon_name="download",
        order=230,
    )


@hooks.register("register_admin_menu_item")
def register_shared_menu_item():
    return PublisherMenuItem(
        _("Ağdan paylaşılanlar"),
        reverse("santral_content_shared"),
        icon_name="globe",
        order=225,
    )


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return CouncilAdminMenuItem(
        _("İki aşamalı onay"),
        reverse("santral_content_moderation_index"),
        icon_name="tasks",
        order=240,
    )


@hooks.register("construct_homepage_panels")
def add_content_panels(request, panels):
    panels.extend(content_panels(request.user))


def _notice_if_moderated(request, council) -> None:
    """Opening the editor in a moderated council: say that publishing waits for an admin."""
    if request.method != "GET" or council is None:
        return
    if moderated_councils_for_editor(request.user).filter(pk=council.pk).exists():
        messages.info(request, moderation_notice())


@hooks.register("before_create_page")
def moderation_notice_on_create(request, parent_page, page_class):
    if _is_content(page_class):
        _notice_if_moderated(request, council_of_page(parent_page))


@hooks.register("before_edit_page")
def moderation_notice_on_edit(request, page):
    if _is_content(page):
        _notice_if_moderated(request, council_of_page(page))
