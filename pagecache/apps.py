from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The whole-page cache for anonymous readers (cache.py) and what makes its pages stale (changes.py)."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import changes  # noqa: F401 - connects the signal handlers that invalidate cached pages
