"""The public API, version 1. Endpoints live in each app's api.py; they are wired here."""

from django.urls import path

from santral.content.api import DocumentListApi, NewsListApi, PublicationListApi
from santral.councils.api import CouncilListApi
from santral.events.api import EventListApi

app_name = "api"

urlpatterns = [
    path("councils/", CouncilListApi.as_view(), name="council-list"),
    path("news/", NewsListApi.as_view(), name="news-list"),
    path("documents/", DocumentListApi.as_view(), name="document-list"),
    path("publications/", PublicationListApi.as_view(), name="publication-list"),
    path("events/", EventListApi.as_view(), name="event-list"),
]
