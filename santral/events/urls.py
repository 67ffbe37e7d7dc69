from django.urls import path

from santral.content.views import content_list_view

from . import views

app_name = "events"

urlpatterns = [
    path("etkinlikler/", content_list_view, {"kind": "events"}, name="hub_events"),
    path("etkinlikler/takvim/", views.month_view, name="hub_month"),
    path("etkinlikler/takvim.ics", views.ical_view, name="hub_ical"),
    path("etkinlikler/<slug:event_slug>.ics", views.event_ical_view, name="hub_event_ical"),
    path(
        "hesabim/kayitlar/<int:pk>/iptal/",
        views.account_registration_cancel_view,
        name="account_registration_cancel",
    ),
    path(
        "<slug:council_slug>/etkinlikler/",
        content_list_view,
        {"kind": "events"},
        name="council_events",
    ),
    path("<slug:council_slug>/etkinlikler/takvim/", views.month_view, name="council_month"),
    path(
        "<slug:council_slug>/etkinlikler.<str:fmt>",
        views.events_export_view,
        name="council_export",
    ),
    path("<slug:council_slug>/etkinlikler/takvim.ics", views.ical_view, name="council_ical"),
    path(
        "<slug:council_slug>/etkinlikler/<slug:event_slug>.ics",
        views.event_ical_view,
        name="council_event_ical",
    ),
]
