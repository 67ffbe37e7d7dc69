from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("arama/", views.search_view, name="search"),
    path("arama/oneriler/", views.suggest_view, name="suggest"),
]
