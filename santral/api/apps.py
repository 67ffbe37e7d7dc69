from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "santral.api"
    label = "santral_api"
    verbose_name = "API"
