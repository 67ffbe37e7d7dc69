"""The public API, version 1. Endpoints live in each app's api.py; they are wired here."""

from django.urls import path

from santral.councils.api import CouncilListApi
from santral.outreach.api import RepresentationApi

app_name = "api"

urlpatterns = [
    path("councils/", CouncilListApi.as_view(), name="council-list"),
    path(
        "councils/<slug:slug>/representation/",
        RepresentationApi.as_view(),
        name="council-representation",
    ),
]
