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
]
