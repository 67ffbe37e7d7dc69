"""The public API, version 1. Endpoints live in each app's api.py; they are wired here."""

from django.urls import include, path

from santral.councils.api import CouncilListApi

app_name = "api"

urlpatterns = [
    path("councils/", CouncilListApi.as_view(), name="council-list"),
    # santral.search is a sibling top layer (api | search): wired by name, not imported.
    path("", include("santral.search.api_urls")),
]
