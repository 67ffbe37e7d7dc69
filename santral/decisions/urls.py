from django.urls import path

from . import views

app_name = "decisions"

# Below a council's own address (/seyhan/kararlar/); before Wagtail's page serving in
# config/urls.py. "kararlar" is a reserved council slug, so the hub's list cannot collide.
urlpatterns = [
    path("kararlar/", views.hub_recommendations_view, name="hub"),
    path("kararlar/kararlar.csv", views.recommendations_csv_view, name="hub_csv"),
    path(
        "<slug:council_slug>/kararlar/",
        views.council_recommendations_view,
        name="list",
    ),
    path(
        "<slug:council_slug>/kararlar/kararlar.csv",
        views.recommendations_csv_view,
        name="csv",
    ),
    path(
        "<slug:council_slug>/kararlar/<int:pk>/",
        views.recommendation_detail_view,
        name="detail",
    ),
]
