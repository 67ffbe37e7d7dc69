from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views

app_name = "content"

sitemaps = {
    "lists": views.ListSitemap,
    "councils": views.CouncilSitemap,
    "content": views.ContentSitemap,
}

urlpatterns = [
    path("haberler/", views.content_list_view, {"kind": "news"}, name="hub_news"),
    path("belgeler/", views.content_list_view, {"kind": "documents"}, name="hub_documents"),
    path("yayinlar/", views.content_list_view, {"kind": "publications"}, name="hub_publications"),
    path("paylasilanlar/", views.shared_view, name="shared"),
    path("akis/atom/", views.HubAtomFeed(), name="hub_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "<slug:council_slug>/haberler/",
        views.content_list_view,
        {"kind": "news"},
        name="council_news",
    ),
    path(
        "<slug:council_slug>/belgeler/",
        views.content_list_view,
        {"kind": "documents"},
        name="council_documents",
    ),
    path(
        "<slug:council_slug>/yayinlar/",
        views.content_list_view,
        {"kind": "publications"},
        name="council_publications",
    ),
    path(
        "<slug:council_slug>/yayinlar.<str:fmt>",
        views.publications_export_view,
        name="council_publications_export",
    ),
    path("<slug:council_slug>/akis/atom/", views.HubAtomFeed(), name="council_atom"),
    path(
        "<slug:council_slug>/paylas/<int:page_id>/",
        views.reshare_view,
        name="council_reshare",
    ),
]
