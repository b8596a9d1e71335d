from django.apps import AppConfig


class StaffConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = "Staff access"

    def ready(self):
        from . import signals  # noqa: F401 - connects the audit trail
