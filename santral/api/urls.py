"""The public API, version 1. Endpoints live in each app's api.py; they are wired here."""

from django.urls import path

from santral.budget.api import CouncilBudgetApi
from santral.councils.api import CouncilListApi

app_name = "api"

urlpatterns = [
    path("councils/", CouncilListApi.as_view(), name="council-list"),
    path(
        "councils/<slug:slug>/budget/<int:year>/", CouncilBudgetApi.as_view(), name="council-budget"
    ),
]
