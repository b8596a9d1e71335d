from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use and that knows no feature: BasePage and the shared blocks, SEO, rate
    limits, uploads, caches, security headers, request ids, health."""

    name = "core"

    def ready(self):
        # Here, not at the top: these import models, which load after the app registry.
        from . import cache, ratelimit, uploads  # noqa: F401 - cache and ratelimit register deploy checks

        uploads.connect()
