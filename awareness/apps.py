from django.apps import AppConfig


class AwarenessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awareness"
