from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .backoffice import (
    AffiliationViewSet,
    ConsentTextPolicy,
    ConsentTextViewSet,
    ContactViewSet,
    CouncilScopedPolicy,
    LetterheadViewSet,
    LiaisonViewSet,
    OrganisationPolicy,
    OrganisationViewSet,
    ProjectViewSet,
    SupportRequestViewSet,
    dashboard_index_view,
    dashboard_view,
    organisation_history_view,
    partner_councils,
    support_request_detail_view,
    support_request_pdf_view,
)
from .backoffice_resources import (
    resource_line_edit_view,
    resource_plan_index_view,
    resource_plan_view,
)
from .dashboard import partner_panels
from .models import (
    Affiliation,
    ConsentText,
    ContactPerson,
    CouncilLetterhead,
    Liaison,
    Organisation,
    Project,
    SupportRequest,
)

register_permission_policy(Organisation, OrganisationPolicy(Organisation))
register_permission_policy(ConsentText, ConsentTextPolicy(ConsentText))
for _model in (Affiliation, ContactPerson, Liaison, Project, SupportRequest, CouncilLetterhead):
    register_permission_policy(_model, CouncilScopedPolicy(_model))


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return [
        OrganisationViewSet("paydaslar"),
        AffiliationViewSet("paydasliklar"),
        ContactViewSet("iletisim-kisileri"),
        LiaisonViewSet("irtibat-kisileri"),
        ProjectViewSet("ortak-projeler"),
        SupportRequestViewSet("destek-yazilari"),
        LetterheadViewSet("yazi-antetleri"),
        ConsentTextViewSet("acik-riza-metinleri"),
    ]


@hooks.register("register_admin_urls")
def register_partner_urls():
    return [
        path(
            "destek-yazisi/<int:pk>/", support_request_detail_view, name="santral_partner_request"
        ),
        path(
            "destek-yazisi/<int:pk>/pdf/",
            support_request_pdf_view,
            name="santral_partner_request_pdf",
        ),
        path("paydas-gecmisi/<int:pk>/", organisation_history_view, name="santral_partner_history"),
        path("ortaklik-panosu/", dashboard_index_view, name="santral_partner_dashboard_index"),
        path("ortaklik-panosu/<int:council_id>/", dashboard_view, name="santral_partner_dashboard"),
        path("kaynak-plani/", resource_plan_index_view, name="santral_resource_plans"),
        path("kaynak-plani/<int:pk>/", resource_plan_view, name="santral_resource_plan"),
        path(
            "kaynak-plani/kalem/<int:pk>/",
            resource_line_edit_view,
            name="santral_resource_line_edit",
        ),
    ]


class PartnerMenuItem(MenuItem):
    def is_shown(self, request):
        return partner_councils(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_partner_dashboard_menu_item():
    return PartnerMenuItem(
        _("Ortaklık panosu"),
        reverse("santral_partner_dashboard_index"),
        icon_name="table",
        order=299,
    )


@hooks.register("register_admin_menu_item")
def register_resource_plan_menu_item():
    return PartnerMenuItem(
        _("Kaynak planları"),
        reverse("santral_resource_plans"),
        icon_name="list-ul",
        order=298,
    )


@hooks.register("construct_homepage_panels")
def add_partner_panels(request, panels):
    panels.extend(partner_panels(request.user))
