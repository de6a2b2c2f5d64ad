from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lidzdaliba.api"
    verbose_name = "API"
