from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use and that knows no feature: caches, security headers, request ids, health."""

    name = "core"

    def ready(self):
        from . import cache  # noqa: F401 - registers the Redis eviction-policy deploy check
