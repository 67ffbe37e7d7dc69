"""The public API, version 1. Endpoints live in each app's api.py; they are wired here."""

from django.urls import include, path

from santral.budget.api import CouncilBudgetApi
from santral.content.api import DocumentListApi, NewsListApi, PublicationListApi
from santral.councils.api import CouncilListApi
from santral.decisions.api import CouncilRecommendationListApi, RecommendationListApi
from santral.events.api import EventListApi
from santral.outreach.api import RepresentationApi
from santral.partners.api import (
    CouncilProjectDetailApi,
    CouncilProjectListApi,
    CouncilResourcePlanListApi,
    StakeholderDetailApi,
    StakeholderListApi,
)

app_name = "api"

urlpatterns = [
    path("councils/", CouncilListApi.as_view(), name="council-list"),
    path(
        "councils/<slug:slug>/budget/<int:year>/", CouncilBudgetApi.as_view(), name="council-budget"
    ),
    path("stakeholders/", StakeholderListApi.as_view(), name="stakeholder-list"),
    path("stakeholders/<slug:slug>/", StakeholderDetailApi.as_view(), name="stakeholder-detail"),
    path(
        "councils/<slug:council_slug>/projects/",
        CouncilProjectListApi.as_view(),
        name="council-project-list",
    ),
    path(
        "councils/<slug:council_slug>/projects/<slug:slug>/",
        CouncilProjectDetailApi.as_view(),
        name="council-project-detail",
    ),
    path(
        "councils/<slug:council_slug>/resource-plans/",
        CouncilResourcePlanListApi.as_view(),
        name="council-resource-plan-list",
    ),
    path(
        "councils/<slug:slug>/representation/",
        RepresentationApi.as_view(),
        name="council-representation",
    ),
    path("recommendations/", RecommendationListApi.as_view(), name="recommendation-list"),
    path(
        "councils/<slug:council_slug>/recommendations/",
        CouncilRecommendationListApi.as_view(),
        name="council-recommendation-list",
    ),
    path("news/", NewsListApi.as_view(), name="news-list"),
    path("documents/", DocumentListApi.as_view(), name="document-list"),
    path("publications/", PublicationListApi.as_view(), name="publication-list"),
    path("events/", EventListApi.as_view(), name="event-list"),
    # santral.search is a sibling top layer (api | search): wired by name, not imported.
    path("", include("santral.search.api_urls")),
    # The write API with council tokens (docs/api-tokens.md); its own package.
    path("", include("santral.api.write.urls")),
    # santral.federation is a sibling top layer too: the shared-items feed other instances follow.
    path("federation/", include("santral.federation.api_urls")),
]
