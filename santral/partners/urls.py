from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("paydaslar/", views.organisation_list_view, name="organisations"),
    path("paydaslar/<slug:slug>/", views.organisation_detail_view, name="organisation"),
    path("kurum-paneli/", views.liaison_dashboard_view, name="liaison_dashboard"),
    path("kurum-paneli/yazilar/<int:pk>/", views.liaison_request_view, name="liaison_request"),
    path("kurum-paneli/yazilar/<int:pk>/yanit/", views.liaison_answer_view, name="liaison_answer"),
    path(
        "kurum-paneli/yazilar/<int:pk>/taahhut/", views.liaison_pledge_view, name="liaison_pledge"
    ),
    path("kurum-paneli/yazilar/<int:pk>/pdf/", views.liaison_letter_view, name="liaison_letter"),
    # A council's joint projects hang below its address (/adana-buyuksehir/projeler/);
    # these routes come before Wagtail's page serving in config/urls.py.
    path("<slug:council_slug>/projeler/", views.project_list_view, name="projects"),
    path("<slug:council_slug>/projeler/<slug:slug>/", views.project_detail_view, name="project"),
]
