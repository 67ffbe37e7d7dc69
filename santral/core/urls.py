from django.urls import path

from .accounts.views import sessions_view
from .views import design_view, display_view

app_name = "core"

urlpatterns = [
    path("gorunum/", display_view, name="display"),
    path("tasarim/", design_view, name="design"),
    path("hesap/oturumlar/", sessions_view, name="sessions"),
]
