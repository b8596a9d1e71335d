from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from config import pagecache  # noqa: F401 - its signal handlers, in every process, not only web ones

        from . import uploads

        uploads.connect()
