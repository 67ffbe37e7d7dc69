from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("gizlilik/", views.platform_notice_view, name="notice"),
    path("gizlilik/metin/<int:pk>/", views.notice_version_view, name="notice_version"),
    path("gizlilik/riza/<str:token>/", views.consent_withdraw_view, name="withdraw"),
    path("gizlilik/talepler/", views.erasure_requests_view, name="requests"),
    path("gizlilik/talepler/<int:pk>/", views.erasure_answer_view, name="answer"),
    path("hesabim/verilerim/", views.my_data_view, name="my_data"),
    path("hesabim/verilerim/silme-talebi/", views.erasure_request_view, name="erasure_request"),
]
