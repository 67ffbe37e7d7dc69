from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .audit_trail import may_read_audit
from .backoffice import (
    BodyPermissionPolicy,
    BodyViewSet,
    CouncilPermissionPolicy,
    CouncilViewSet,
    audit_view,
    membership_index_view,
    membership_list_view,
)
from .models import Body, Council
from .permissions import can_access_backoffice

register_permission_policy(Council, CouncilPermissionPolicy(Council))
register_permission_policy(Body, BodyPermissionPolicy(Body))


@hooks.register("register_admin_viewset")
def register_council_viewsets():
    return [CouncilViewSet("konseyler"), BodyViewSet("kurullar")]


@hooks.register("register_admin_urls")
def register_membership_urls():
    return [
        path("uyelikler/", membership_index_view, name="santral_council_member_index"),
        path("uyelikler/<int:council_id>/", membership_list_view, name="santral_council_members"),
        path("denetim/", audit_view, name="santral_audit"),
    ]


class MembershipMenuItem(MenuItem):
    def is_shown(self, request):
        return can_access_backoffice(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_menu_item():
    return MembershipMenuItem(
        _("Üyeler ve roller"),
        reverse("santral_council_member_index"),
        icon_name="user",
        order=220,
    )


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_audit(request.user)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Denetim kayıtları"), reverse("santral_audit"), icon_name="history", order=900
    )


# The site-wide menu arrangement (grouped by task) registers its own hooks.
from . import menu_groups  # noqa: E402, F401

# Wagtail's own (English) msgids, translated by Wagtail's catalogue: an alias, so that
# makemessages does not copy them into ours.
wagtail_lazy = _


def _redirect_filter_labels_per_request() -> None:
    """Wagtail's redirect filters translate their labels once, at import (`gettext`, not
    `gettext_lazy`): with Turkish as the default language an English or Arabic back office
    showed "Tür" (found by the every-page sweep). Lazy labels follow each request's language."""
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = wagtail_lazy("Type")
    kind.extra["choices"] = ((True, wagtail_lazy("Permanent")), (False, wagtail_lazy("Temporary")))
    kind.extra["empty_label"] = wagtail_lazy("All")


_redirect_filter_labels_per_request()
