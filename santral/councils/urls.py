from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("konseyler/", views.council_directory_view, name="directory"),
    path(
        "<slug:council_slug>/aydinlatma-metni/",
        views.privacy_notice_view,
        name="privacy_notice",
    ),
    path("<slug:council_slug>/iletisim/", views.contact_view, name="contact"),
    path(
        "<slug:council_slug>/iletisim/gonderildi/",
        views.contact_sent_view,
        name="contact_sent",
    ),
    # A council's pages used to hang below /konseyler/<slug>/; they now live below the
    # council's own address (/<slug>/butce/…, /<slug>/temsil/, …). Old links answer 301.
    path("konseyler/<slug:slug>/", views.legacy_council_redirect_view, name="legacy"),
    path(
        "konseyler/<slug:slug>/<path:rest>",
        views.legacy_council_redirect_view,
        name="legacy-path",
    ),
]
