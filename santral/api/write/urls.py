"""The write API (token only): wired into santral/api/urls.py under /api/v1/write/."""

from django.urls import path

from . import budget, content

COUNCIL = "write/councils/<slug:council_slug>"

urlpatterns = [
    path("write/token/", budget.TokenInfoApi.as_view(), name="write-token"),
    path(f"{COUNCIL}/news/", content.NewsListApi.as_view(), name="write-news-list"),
    path(
        f"{COUNCIL}/news/<int:page_id>/", content.NewsDetailApi.as_view(), name="write-news-detail"
    ),
    path(
        f"{COUNCIL}/news/<int:page_id>/withdraw/",
        content.NewsWithdrawApi.as_view(),
        name="write-news-withdraw",
    ),
    path(f"{COUNCIL}/events/", content.EventListApi.as_view(), name="write-event-list"),
    path(
        f"{COUNCIL}/events/<int:page_id>/",
        content.EventDetailApi.as_view(),
        name="write-event-detail",
    ),
    path(
        f"{COUNCIL}/events/<int:page_id>/withdraw/",
        content.EventWithdrawApi.as_view(),
        name="write-event-withdraw",
    ),
    path(f"{COUNCIL}/documents/", content.DocumentListApi.as_view(), name="write-document-list"),
    path(
        f"{COUNCIL}/documents/<int:page_id>/",
        content.DocumentDetailApi.as_view(),
        name="write-document-detail",
    ),
    path(
        f"{COUNCIL}/documents/<int:page_id>/withdraw/",
        content.DocumentWithdrawApi.as_view(),
        name="write-document-withdraw",
    ),
    path(
        f"{COUNCIL}/budget/<int:year>/imports/",
        budget.BudgetImportStageApi.as_view(),
        name="write-budget-import",
    ),
    path(
        f"{COUNCIL}/budget/<int:year>/imports/<str:staged>/",
        budget.BudgetImportPreviewApi.as_view(),
        name="write-budget-import-preview",
    ),
]
