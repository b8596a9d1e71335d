from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from config import cache, pagechanges  # noqa: F401 - the Redis deploy check; page-cache signal handlers

        from . import ratelimit, uploads  # noqa: F401 - ratelimit: the proxy-count deploy check

        uploads.connect()
