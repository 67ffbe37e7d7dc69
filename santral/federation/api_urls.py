"""Federation endpoints, included by santral/api/urls.py under /api/v1/federation/."""

from django.urls import path

from .api import SharedItemsApi

urlpatterns = [
    path("items/", SharedItemsApi.as_view(), name="federation-items"),
]
