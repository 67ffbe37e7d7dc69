from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from santral.core.accounts.views import backoffice_login_redirect
from santral.ops.health import healthz, readyz
from santral.ops.metrics import metrics_view

urlpatterns = [
    # Operations (docs/deploy.md): probes for the load balancer and metrics for Prometheus.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    # Wagtail's login form would sign in with the password alone: the back office uses
    # allauth's login (password, then TOTP where the role needs it).
    path("admin/login/", backoffice_login_redirect),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("santral.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The browsable API documentation (Swagger UI from local static files; docs/api.md).
    path(
        "api/belgeler/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html", title="Santral API"
        ),
        name="api-docs",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Turkish at "/", English under "/en/", Arabic under "/ar/".
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("santral.privacy.urls")),
    path("", include("santral.councils.urls")),
    path("", include("santral.budget.urls")),
    path("", include("santral.partners.urls")),
    path("", include("santral.outreach.urls")),
    path("", include("santral.decisions.urls")),
    path("", include("santral.content.urls")),
    path("", include("santral.events.urls")),
    path("", include("santral.search.urls")),
    path("", include("santral.core.urls")),
    path("", include("santral.opendata.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
