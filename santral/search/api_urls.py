"""The search endpoint, included by santral/api/urls.py under /api/v1/ (namespace "api")."""

from django.urls import path

from .api import SearchApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="search"),
]
