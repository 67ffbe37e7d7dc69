from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("<slug:council_slug>/temsil/", views.representation_view, name="representation"),
    path(
        "<slug:council_slug>/temsil.csv",
        views.representation_csv_view,
        name="representation-csv",
    ),
    path("<slug:council_slug>/bulten/", views.subscribe_view, name="subscribe"),
    path(
        "<slug:council_slug>/bulten/gonderildi/",
        views.subscribe_sent_view,
        name="subscribe-sent",
    ),
    path(
        "<slug:council_slug>/bulten/onay/<str:token>/",
        views.confirm_view,
        name="confirm",
    ),
    path(
        "<slug:council_slug>/bulten/ayril/<str:token>/",
        views.unsubscribe_view,
        name="unsubscribe",
    ),
]
