from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("konseyler/<slug:council_slug>/temsil/", views.representation_view, name="representation"),
    path(
        "konseyler/<slug:council_slug>/temsil.csv",
        views.representation_csv_view,
        name="representation-csv",
    ),
    path("konseyler/<slug:council_slug>/bulten/", views.subscribe_view, name="subscribe"),
    path(
        "konseyler/<slug:council_slug>/bulten/gonderildi/",
        views.subscribe_sent_view,
        name="subscribe-sent",
    ),
    path(
        "konseyler/<slug:council_slug>/bulten/onay/<str:token>/",
        views.confirm_view,
        name="confirm",
    ),
    path(
        "konseyler/<slug:council_slug>/bulten/ayril/<str:token>/",
        views.unsubscribe_view,
        name="unsubscribe",
    ),
]
