from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from santral.councils.permissions import Capability, councils_with_capability

from .backoffice import (
    ClassificationCodeViewSet,
    CodePermissionPolicy,
    budget_export_view,
    budget_index_view,
    budget_year_view,
    code_import_view,
    expenditure_view,
)
from .dashboard import budget_panels
from .models import ClassificationCode

register_permission_policy(ClassificationCode, CodePermissionPolicy(ClassificationCode))


@hooks.register("register_admin_viewset")
def register_code_viewset():
    return ClassificationCodeViewSet("butce-kodlari")


@hooks.register("register_admin_urls")
def register_budget_urls():
    return [
        path("butce/", budget_index_view, name="santral_budget_index"),
        path("butce/kod-listesi/", code_import_view, name="santral_budget_code_import"),
        path("butce/<int:council_id>/<int:year>/", budget_year_view, name="santral_budget_year"),
        path(
            "butce/<int:council_id>/<int:year>/harcama/<int:pk>/",
            expenditure_view,
            name="santral_budget_expenditure",
        ),
        path(
            "butce/<int:council_id>/<int:year>/indir/<str:what>",
            budget_export_view,
            name="santral_budget_export",
        ),
    ]


class BudgetMenuItem(MenuItem):
    def is_shown(self, request):
        return councils_with_capability(request.user, Capability.VIEW_MONEY).exists()


@hooks.register("register_admin_menu_item")
def register_budget_menu_item():
    return BudgetMenuItem(
        _("Bütçe ve kaynaklar"), reverse("santral_budget_index"), icon_name="table", order=230
    )


@hooks.register("construct_homepage_panels")
def add_budget_panels(request, panels):
    panels.extend(budget_panels(request.user))
