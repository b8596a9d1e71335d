from django.apps import AppConfig

from pagecache.cache import register_live_figure


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        # Here, not at the top: it imports models, which load after the app registry.
        from . import live

        register_live_figure("campaign", live.campaign_progress)
