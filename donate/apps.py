from django.apps import AppConfig


class DonateConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "donate"
