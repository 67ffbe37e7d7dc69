from django.urls import path

from .views import display_view

app_name = "core"

urlpatterns = [
    path("gorunum/", display_view, name="display"),
]
