from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("katalog.<str:fmt>", views.catalogue_view, name="catalogue"),
    path("acik-veri/", views.hub_view, name="hub"),
    path("<slug:slug>/acik-veri/", views.council_view, name="council"),
    path("<slug:slug>/acik-veri/<slug:key>/", views.dataset_view, name="dataset"),
    path(
        "<slug:slug>/katalog.<str:fmt>",
        views.council_catalogue_view,
        name="council-catalogue",
    ),
]
