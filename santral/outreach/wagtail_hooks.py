from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from santral.councils.permissions import can_manage_outreach
from santral.events.models import EventPage

from . import backoffice as views
from .backoffice import managed_councils
from .dashboard import outreach_panels

C = "iletisim/<int:council_id>/"


@hooks.register("register_admin_urls")
def register_outreach_urls():
    return [
        path("iletisim/", views.index_view, name="santral_outreach_index"),
        path(C, views.council_view, name="santral_outreach_council"),
        path(C + "nufus/", views.area_population_view, name="santral_outreach_area"),
        path(
            C + "kitleler/varsayilan/",
            views.audience_defaults_view,
            name="santral_outreach_audience_defaults",
        ),
        path(C + "kitleler/yeni/", views.audience_edit_view, name="santral_outreach_audience_new"),
        path(
            C + "kitleler/<int:audience_id>/",
            views.audience_edit_view,
            name="santral_outreach_audience",
        ),
        path(C + "katilim/yeni/", views.record_edit_view, name="santral_outreach_record_new"),
        path(
            C + "katilim/<int:record_id>/", views.record_edit_view, name="santral_outreach_record"
        ),
        path(
            C + "katilim/<int:record_id>/sil/",
            views.record_delete_view,
            name="santral_outreach_record_delete",
        ),
        path(C + "etkinlikler/", views.event_list_view, name="santral_outreach_events"),
        path(
            C + "etkinlikler/<int:event_id>/katilim/",
            views.event_record_view,
            name="santral_outreach_event_record",
        ),
        path(C + "planlar/yeni/", views.plan_new_view, name="santral_outreach_plan_new"),
        path(C + "planlar/<int:plan_id>/", views.plan_view, name="santral_outreach_plan"),
        path(
            C + "planlar/<int:plan_id>/eylemler/<int:action_id>/",
            views.plan_action_edit_view,
            name="santral_outreach_plan_action",
        ),
        path(C + "konular/yeni/", views.topic_new_view, name="santral_outreach_topic_new"),
        path(
            C + "bultenler/yeni/", views.newsletter_new_view, name="santral_outreach_newsletter_new"
        ),
        path(
            C + "bultenler/<int:newsletter_id>/",
            views.newsletter_view,
            name="santral_outreach_newsletter",
        ),
        path(
            C + "bultenler/<int:newsletter_id>/gonder/",
            views.newsletter_send_view,
            name="santral_outreach_newsletter_send",
        ),
        path(
            C + "bultenler/<int:newsletter_id>/icerik/",
            views.newsletter_items_view,
            name="santral_outreach_newsletter_items",
        ),
        path(
            C + "aboneler.csv", views.subscribers_csv_view, name="santral_outreach_subscribers_csv"
        ),
        path(C + "sms/", views.gateway_new_view, name="santral_outreach_gateway_new"),
        path(
            C + "sms/<int:message_id>.csv",
            views.gateway_csv_view,
            name="santral_outreach_gateway_csv",
        ),
    ]


class OutreachMenuItem(MenuItem):
    def is_shown(self, request):
        return managed_councils(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_outreach_menu_item():
    return OutreachMenuItem(
        _("İletişim ve temsil"), reverse("santral_outreach_index"), icon_name="mail", order=230
    )


@hooks.register("register_page_header_buttons")
def event_participation_button(page, user, view_name, next_url=None):
    """On an event's admin page: a link to enter its participation figures."""
    if page.specific_class is not EventPage:
        return
    event = page.specific
    if event.council_id and can_manage_outreach(user, event.council):
        yield Button(
            _("Katılım sayıları"),
            reverse("santral_outreach_event_record", args=[event.council_id, event.pk]),
            icon_name="group",
            priority=40,
        )


@hooks.register("construct_homepage_panels")
def add_outreach_panels(request, panels):
    panels.extend(outreach_panels(request.user))
