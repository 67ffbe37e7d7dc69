from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("<slug:slug>/butce/<int:year>/", views.public_budget_view, name="public"),
    path(
        "<slug:slug>/butce/<int:year>/rapor.<str:fmt>",
        views.public_budget_export_view,
        name="public-export",
    ),
    path(
        "<slug:slug>/butce/<int:year>/defter.<str:fmt>",
        views.public_ledger_export_view,
        name="public-ledger",
    ),
]
