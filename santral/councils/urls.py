from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("konseyler/", views.council_directory_view, name="directory"),
]
