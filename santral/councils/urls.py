from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("konseyler/", views.council_directory_view, name="directory"),
    # A council's pages used to hang below /konseyler/<slug>/; they now live below the
    # council's own address (/<slug>/butce/…, /<slug>/temsil/, …). Old links answer 301.
    path("konseyler/<slug:slug>/", views.legacy_council_redirect_view, name="legacy"),
    path(
        "konseyler/<slug:slug>/<path:rest>",
        views.legacy_council_redirect_view,
        name="legacy-path",
    ),
]
