from django.urls import path

from .accounts.views import account_view, sessions_view
from .public_pages import accessibility_view, robots_view
from .views import design_view, display_view

app_name = "core"

urlpatterns = [
    path("gorunum/", display_view, name="display"),
    path("tasarim/", design_view, name="design"),
    path("hesap/oturumlar/", sessions_view, name="sessions"),
    path("hesabim/", account_view, name="account"),
    path("robots.txt", robots_view, name="robots"),
    path("erisilebilirlik/", accessibility_view, name="accessibility"),
]
